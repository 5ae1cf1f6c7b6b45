package io.tributary.bench;

import io.tributary.stream.Consumer;
import io.tributary.stream.ConsumerOptions;
import io.tributary.stream.Message;
import io.tributary.stream.jms.JmsStreams;
import java.time.Duration;
import java.util.List;

/**
 * Tributary's transacted batch consumer draining a filled queue: {@link Consumer#receive()} with the given
 * options, {@link Consumer#ack} per message (the batch commits on its last ack). The queue is filled before
 * the clock starts. {@code consume-transacted} uses fixed batches of {@value Bench#BATCH};
 * {@code consume-adaptive} uses adaptive batching (up to {@value #ADAPTIVE_MAX_BATCH} messages, linger
 * {@value #ADAPTIVE_LINGER_MILLIS} ms), so a commit covers whatever has arrived, with the same at-least-once
 * settlement.
 */
final class TributaryConsume extends NamedScenario {

    private static final int ADAPTIVE_MAX_BATCH = 1_000;
    private static final int ADAPTIVE_LINGER_MILLIS = 5;
    private static final Duration IDLE_LIMIT = Duration.ofSeconds(10);

    private final ConsumerOptions options;

    TributaryConsume(String scenario, ConsumerOptions options) {
        super("tributary", scenario, "consume-transacted");
        this.options = options;
    }

    /** {@code consume-transacted}: batches of {@value Bench#BATCH}. */
    static TributaryConsume transacted() {
        return new TributaryConsume("consume-transacted", ConsumerOptions.DEFAULTS.withBatchSize(Bench.BATCH));
    }

    /** {@code consume-adaptive}: adaptive batching up to {@value #ADAPTIVE_MAX_BATCH}, linger {@value #ADAPTIVE_LINGER_MILLIS} ms. */
    static TributaryConsume adaptive() {
        return new TributaryConsume("consume-adaptive", ConsumerOptions.DEFAULTS.withAdaptiveBatching(ADAPTIVE_MAX_BATCH,
                Duration.ofMillis(ADAPTIVE_LINGER_MILLIS)));
    }

    @Override
    public Measurement run(Bench bench) throws Exception {
        String queue = bench.filledQueue(bench.count());
        return bench.costed(bench.count(), () -> {
            try (JmsStreams streams = bench.streams(options); Consumer c = streams.consumer(queue)) {
                long start = System.nanoTime();
                drain(c, bench.count(), m -> { });
                return Measurement.rate(bench.count(), start);
            }
        });
    }

    /**
     * Receives (with the consumer's own batch size and wait) and acks {@code count} messages, handing each to
     * {@code each} before its ack; fails if nothing arrives for 10 s.
     */
    static void drain(Consumer consumer, int count, java.util.function.Consumer<Message> each) throws InterruptedException {
        int got = 0;
        long idleSince = System.nanoTime();
        while (got < count) {
            List<Message> batch = consumer.receive();
            if (batch.isEmpty() && System.nanoTime() - idleSince > IDLE_LIMIT.toNanos()) {
                throw new IllegalStateException("tributary consumer got only " + got + " of " + count
                        + " from " + consumer.stream() + " (nothing for " + IDLE_LIMIT + ")");
            }
            for (Message m : batch) {
                each.accept(m);
                consumer.ack(m);
            }
            if (!batch.isEmpty()) {
                got += batch.size();
                idleSince = System.nanoTime();
            }
        }
    }
}
