package io.tributary.broker;

import io.tributary.broker.memory.MemoryBroker;
import io.tributary.broker.memory.MemoryBrokerFactory;
import io.tributary.stream.Message;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BrokerRegistryTest {

    private final BrokerRegistry registry = new BrokerRegistry();

    BrokerRegistryTest() {
        registry.register(BrokerRegistry.MEMORY, new MemoryBrokerFactory());
    }

    @Test
    void loadPicksTheConfiguredType() {
        BrokerConfig config = BrokerConfig.fromProperties(Map.of("b.type", "memory", "b.capacity", "32",
                "b.max-batch-size", "8"), "b.");
        try (Broker<Message> broker = registry.load(config, Eventer.NONE)) {
            assertInstanceOf(MemoryBroker.class, broker);
            assertEquals(new BufferConfig(32, 8), broker.bufferConfig());
        }
    }

    @Test
    void defaultsPickMemory() {
        BrokerConfig config = BrokerConfig.fromProperties(Map.of(), "x.");
        assertEquals(BrokerConfig.of("memory"), config);
    }

    @Test
    void unknownTypesAreRejectedListingTheKnownOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> registry.load(BrokerConfig.of("kafka"), Eventer.NONE));
        assertTrue(e.getMessage().contains("'kafka'") && e.getMessage().contains("[memory]"), e.getMessage());
    }

    @Test
    void duplicateNamesAreRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> registry.register("memory", new MemoryBrokerFactory()));
        assertTrue(e.getMessage().contains("'memory' is registered already"), e.getMessage());
    }

    @Test
    void badNamesAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> registry.register("No Spaces", new MemoryBrokerFactory()));
        assertThrows(IllegalArgumentException.class, () -> registry.register(null, new MemoryBrokerFactory()));
    }

    @Test
    void findReturnsTheRegisteredFactory() {
        assertTrue(registry.find("memory").isPresent());
        assertTrue(registry.find("jms").isEmpty());
    }

    @Test
    void badNumbersNameTheKey() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> BrokerConfig.fromProperties(Map.of("b.capacity", "many"), "b."));
        assertTrue(e.getMessage().contains("b.capacity 'many'"), e.getMessage());
        IllegalArgumentException range = assertThrows(IllegalArgumentException.class,
                () -> BrokerConfig.fromProperties(Map.of("b.capacity", "0"), "b."));
        assertTrue(range.getMessage().contains("capacity 0 is out of range"), range.getMessage());
    }

    @Test
    void bufferBoundsAreValidated() {
        assertThrows(IllegalArgumentException.class, () -> new BufferConfig(10, 11));
        assertThrows(IllegalArgumentException.class, () -> new BufferConfig(10, 0));
        assertThrows(IllegalArgumentException.class, () -> new BufferConfig(BufferConfig.MAX_CAPACITY + 1, 1));
        assertEquals(7, new BufferConfig(10, 7).batchSize(0));
        assertEquals(3, new BufferConfig(10, 7).batchSize(3));
    }
}
