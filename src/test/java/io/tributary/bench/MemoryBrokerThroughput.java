package io.tributary.bench;

import io.tributary.broker.Batch;
import io.tributary.broker.Broker;
import io.tributary.broker.BrokerConsumer;
import io.tributary.broker.BrokerProducer;
import io.tributary.broker.BufferConfig;
import io.tributary.broker.ProducerConfig;
import io.tributary.broker.memory.MemoryBroker;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The in-memory broker ({@link MemoryBroker}): one producer thread publishing events while one consumer thread
 * gets batches of up to {@value #BATCH} and acks them, capacity {@value #CAPACITY}; events per second publish
 * -> get -> ack, counted by the producer's ack callback. 2,000,000 events per repetition (quick) or 10,000,000.
 */
final class MemoryBrokerThroughput extends NamedScenario {

    private static final int BATCH = 1_024;
    private static final int CAPACITY = 16_384;

    MemoryBrokerThroughput() {
        super("tributary", "memory-broker-" + BATCH, null);
    }

    @Override
    public Measurement run(Bench bench) throws Exception {
        int events = bench.quick() ? 2_000_000 : 10_000_000;
        AtomicLong acked = new AtomicLong();
        try (Broker<Integer> broker = new MemoryBroker<>(new BufferConfig(CAPACITY, BATCH))) {
            BrokerProducer<Integer> producer = broker.producer(ProducerConfig.<Integer>none().withOnAck(acked::addAndGet));
            BrokerConsumer<Integer> consumer = broker.consumer();
            Integer event = 42;
            long start = System.nanoTime();
            CompletableFuture<Void> consumed = Background.start("bench-memory-consumer", () -> getAndAck(consumer, events));
            for (int i = 0; i < events; i++) {
                producer.publish(event);
            }
            consumed.join();
            Measurement m = Measurement.rate(events, start);
            if (acked.get() != events) {
                throw new IllegalStateException("acked " + acked.get() + " of " + events);
            }
            return m.withNote(events + " events, 1 producer, 1 consumer, capacity " + CAPACITY);
        }
    }

    private static void getAndAck(BrokerConsumer<Integer> consumer, int events) throws InterruptedException {
        long seen = 0;
        while (seen < events) {
            Batch<Integer> b = consumer.get(BATCH);
            seen += b.size();
            b.ack();
        }
    }
}
