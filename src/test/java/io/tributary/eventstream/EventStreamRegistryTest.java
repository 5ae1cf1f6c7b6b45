package io.tributary.eventstream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tributary.eventstream.memory.MemoryEventStream;
import io.tributary.stream.StreamClosedException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class EventStreamRegistryTest {

    private static final StreamIdentity LEDGER = new StreamIdentity("billing", "ledger");
    private static final Set<String> TYPES = Set.of("credited", "debited");
    private static final Retention KEEP = Retention.ofCount(1_000);

    private final List<EventStream> opened = new ArrayList<>();
    private final EventStreamRegistry registry = new EventStreamRegistry((id, types, retention) -> {
        EventStream stream = new MemoryEventStream(id, types, retention);
        opened.add(stream);
        return stream;
    });

    @Test
    void oneIdentityIsOneSharedStream() {
        EventStream first = registry.get(LEDGER, TYPES, KEEP);
        EventStream again = registry.get(LEDGER, Set.of("debited", "credited"), Retention.ofCount(1_000));
        first.append(NewEvent.ofText("credited", "10"));
        assertSame(first, again);
        assertEquals(1, opened.size());
        assertEquals("10", again.open(0, TYPES).next(Duration.ofSeconds(5)).orElseThrow().text());
        assertNotSame(first, registry.get(new StreamIdentity("billing", "audit"), TYPES, KEEP));
    }

    @Test
    void aDifferentDeclarationOfTheSameStreamIsRefusedNamingBoth() {
        registry.get(LEDGER, TYPES, KEEP);
        IllegalArgumentException types = assertThrows(IllegalArgumentException.class,
                () -> registry.get(LEDGER, Set.of("credited"), KEEP));
        assertTrue(types.getMessage().contains("billing/ledger") && types.getMessage().contains("[credited]"),
                types.getMessage());
        IllegalArgumentException retention = assertThrows(IllegalArgumentException.class,
                () -> registry.get(LEDGER, TYPES, KEEP.withMaxAge(Duration.ofHours(1))));
        assertTrue(retention.getMessage().contains("maxAge=PT1H"), retention.getMessage());
        assertEquals(1, opened.size());
    }

    @Test
    void closeClosesEveryStreamAndRefusesNewRequests() {
        EventStream ledger = registry.get(LEDGER, TYPES, KEEP);
        registry.close();
        assertThrows(StreamClosedException.class, () -> ledger.append(NewEvent.ofText("credited", "1")));
        assertThrows(IllegalStateException.class, () -> registry.get(LEDGER, TYPES, KEEP));
        registry.close();
    }
}
