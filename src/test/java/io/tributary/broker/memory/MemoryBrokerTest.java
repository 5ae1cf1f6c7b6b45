package io.tributary.broker.memory;

import io.tributary.broker.Batch;
import io.tributary.broker.Broker;
import io.tributary.broker.BrokerConformance;
import io.tributary.broker.BrokerConsumer;
import io.tributary.broker.BufferConfig;
import io.tributary.broker.Eventer;
import io.tributary.broker.ProducerConfig;
import io.tributary.stream.Message;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The broker conformance suite against the in-memory ring buffer, plus what only it does. */
class MemoryBrokerTest extends BrokerConformance {

    @Override
    protected Broker<Message> createBroker(BufferConfig buffer, Eventer eventer) {
        return new MemoryBroker<>("test", buffer, eventer);
    }

    @Test
    void batchesOfAConsumerDroppedWithoutCloseAreDeliveredAgain() throws Exception {
        Broker<Message> broker = broker(10);
        publish(broker.producer(ProducerConfig.none()), "a");
        takeAndForget(broker);
        try (BrokerConsumer<Message> survivor = broker.consumer()) {
            long end = System.nanoTime() + WAIT.toNanos();
            Batch<Message> again = survivor.get(0, SHORT);
            while (again.size() == 0 && System.nanoTime() < end) {
                System.gc();
                again = survivor.get(0, SHORT);
            }
            assertEquals(List.of("a"), texts(again), "the dead consumer's batch is delivered again");
        }
    }

    private static void takeAndForget(Broker<Message> broker) throws InterruptedException {
        assertEquals(1, broker.consumer().get(0, WAIT).size());
    }
}
