package io.tributary.bench;

import io.tributary.broker.Batch;
import io.tributary.broker.Broker;
import io.tributary.broker.BrokerConsumer;
import io.tributary.broker.BrokerProducer;
import io.tributary.broker.BufferConfig;
import io.tributary.broker.ProducerConfig;
import io.tributary.broker.memory.MemoryBroker;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Benchmark (not a test; nothing fails on timing): one producer publishes events into a
 * {@link MemoryBroker}, one consumer gets batches of 1,024 and acks them; prints events/s for
 * publish -> get -> ack, counted by the producer's ACK callback.
 *
 * <p>Run: {@code mvn -q -o test-compile exec:java} is not configured; use
 * {@code java -cp target/classes:target/test-classes io.tributary.bench.BrokerThroughput [events] [rounds] [capacity]}.
 */
public final class BrokerThroughput {

    private BrokerThroughput() {
    }

    /** Runs warm-up plus the measured rounds and prints one line per round and the median. */
    public static void main(String[] args) throws Exception {
        int events = args.length > 0 ? Integer.parseInt(args[0]) : 20_000_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        int capacity = args.length > 2 ? Integer.parseInt(args[2]) : 16_384;
        int batch = 1_024;
        System.out.printf("memory broker, 1 producer, 1 consumer, batches of %d, capacity %d, %d events per round, %d cores%n",
                batch, capacity, events, Runtime.getRuntime().availableProcessors());
        round(events / 4, batch, capacity);
        double[] rates = new double[rounds];
        for (int r = 0; r < rounds; r++) {
            rates[r] = round(events, batch, capacity);
            System.out.printf("round %d: %,.0f events/s%n", r + 1, rates[r]);
        }
        java.util.Arrays.sort(rates);
        System.out.printf("median: %,.0f events/s%n", rates[rounds / 2]);
    }

    private static double round(int events, int batchSize, int capacity) throws Exception {
        AtomicLong acked = new AtomicLong();
        Broker<Integer> broker = new MemoryBroker<>(new BufferConfig(capacity, batchSize));
        BrokerProducer<Integer> producer = broker.producer(ProducerConfig.<Integer>none().withOnAck(acked::addAndGet));
        BrokerConsumer<Integer> consumer = broker.consumer();
        Integer event = 42;
        Thread consumerThread = new Thread(() -> {
            try {
                long seen = 0;
                while (seen < events) {
                    Batch<Integer> b = consumer.get(batchSize);
                    seen += b.size();
                    b.ack();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "bench-consumer");
        long start = System.nanoTime();
        consumerThread.start();
        for (int i = 0; i < events; i++) {
            producer.publish(event);
        }
        consumerThread.join();
        long elapsed = System.nanoTime() - start;
        if (acked.get() != events) {
            throw new IllegalStateException("acked " + acked.get() + " of " + events);
        }
        broker.close();
        return events * 1e9 / elapsed;
    }
}
