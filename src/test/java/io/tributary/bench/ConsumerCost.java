package io.tributary.bench;

import io.tributary.stream.Consumer;
import io.tributary.stream.ConsumerOptions;
import io.tributary.stream.Message;
import io.tributary.stream.Producer;
import io.tributary.stream.ProducerOptions;
import io.tributary.stream.jms.JmsStreams;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * What a Tributary consumer costs against raw JMS, and what adaptive batching buys: a bench main, not a
 * test. On the Artemis distribution as a process (instance {@code consumer-cost}; arguments and records
 * as {@link CostRun} describes), each variant drains a queue filled beforehand (untimed) with
 * {@code count} persistent 1 KiB messages sent by Tributary:
 * <ul>
 *   <li>{@code consume raw}: transacted JMS session, {@code receive}, commit every {@value #BATCH};</li>
 *   <li>{@code consume raw/1000}: the same committing every 1,000 (what bigger commits give raw JMS);</li>
 *   <li>{@code consume tributary}: {@code Consumer.receive()} with fixed batches of {@value #BATCH}, ack each;</li>
 *   <li>{@code consume tributary-adaptive}: {@code withAdaptiveBatching(}{@value #MAX_BATCH}{@code ,
 *       }{@value #LINGER_MILLIS}{@code  ms)}, ack each.</li>
 * </ul>
 * Run like {@link ProducerCost}, with {@code io.tributary.bench.ConsumerCost PORT [COUNT] [REPS] [ONLY]}.
 */
public final class ConsumerCost {

    private static final int BATCH = 100;
    private static final int MAX_BATCH = 1000;
    private static final long LINGER_MILLIS = 10;
    private static final byte[] BODY = new byte[1024];
    private static final Duration WAIT = Duration.ofSeconds(10);

    private final CostRun run;

    private ConsumerCost(CostRun run) {
        this.run = run;
    }

    public static void main(String[] args) throws Exception {
        try (CostRun run = new CostRun("consumer-cost", args)) {
            ConsumerCost bench = new ConsumerCost(run);
            ConsumerOptions fixed = ConsumerOptions.DEFAULTS.withBatchSize(BATCH);
            ConsumerOptions adaptive = ConsumerOptions.DEFAULTS.withAdaptiveBatching(MAX_BATCH,
                    Duration.ofMillis(LINGER_MILLIS));
            run.warmUp(bench::fill, q -> bench.raw(q, BATCH));
            run.warmUp(bench::fill, q -> bench.tributary(q, adaptive));
            for (int rep = 0; rep < run.reps(); rep++) {
                run.measure("consume raw", bench::fill, q -> bench.raw(q, BATCH));
                run.measure("consume raw/1000", bench::fill, q -> bench.raw(q, MAX_BATCH));
                run.measure("consume tributary", bench::fill, q -> bench.tributary(q, fixed));
                run.measure("consume tributary-adaptive", bench::fill, q -> bench.tributary(q, adaptive));
            }
            run.summary();
        }
    }

    private JmsStreams streams(ConsumerOptions consumerOptions) {
        return new JmsStreams(run.factory(), ProducerOptions.DEFAULTS, consumerOptions, ".DLQ");
    }

    private void fill(String queue) throws Exception {
        try (JmsStreams streams = streams(ConsumerOptions.DEFAULTS); Producer p = streams.producer(queue)) {
            for (int i = 0; i < run.count(); i += BATCH) {
                List<Message> batch = new ArrayList<>(BATCH);
                for (int j = 0; j < BATCH && i + j < run.count(); j++) {
                    batch.add(Message.of(BODY));
                }
                p.sendAll(batch).toCompletableFuture().get(60, TimeUnit.SECONDS);
            }
        }
    }

    private double raw(String queue, int commitEvery) throws Exception {
        return RawJms.transactedReceive(run.factory(), queue, run.count(), commitEvery, WAIT.toMillis());
    }

    private double tributary(String queue, ConsumerOptions options) throws Exception {
        int count = run.count();
        try (JmsStreams streams = streams(options.withReceiveWait(WAIT)); Consumer c = streams.consumer(queue)) {
            int got = 0;
            long t0 = System.nanoTime();
            while (got < count) {
                List<Message> batch = c.receive();
                if (batch.isEmpty()) {
                    throw new IllegalStateException("tributary consumer got only " + got + " of " + count);
                }
                for (Message m : batch) {
                    c.ack(m);
                }
                got += batch.size();
            }
            return RawJms.rate(count, t0);
        }
    }
}
