package io.tributary.bench;

import io.tributary.stream.Consumer;
import io.tributary.stream.ConsumerOptions;
import io.tributary.stream.Message;
import io.tributary.stream.Producer;
import io.tributary.stream.jms.JmsStreams;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Locale;
import java.util.OptionalDouble;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Tributary end to end: a producer thread sending confirmed ({@link Producer#send}) while the harness thread
 * consumes with the given consumer options and acks. Each body starts with the send time
 * ({@link System#nanoTime()}); the consumer records receipt minus send time per message, giving p50/p99/p99.9.
 * With {@code fraction} 1 the producer runs flat out (the {@code -max} scenario, "the measured maximum rate");
 * otherwise it is paced at that fraction of the median of the {@code -max} scenario with the same consumer
 * options measured so far on this broker, for a bounded time. The plain rows ({@code end-to-end-max},
 * {@code latency-at-50pct}...) consume in fixed batches of {@value Bench#BATCH}, {@code end-to-end-max} is
 * compared with raw JMS doing the same ({@link RawEndToEnd}); the {@link #curve} rows map consumer batch limit
 * and linger to throughput and latency.
 */
final class EndToEndLatency extends NamedScenario {

    private static final int QUICK_SECONDS = 3;
    private static final int FULL_SECONDS = 8;
    private static final int CURVE_QUICK_SECONDS = 1;
    private static final int CURVE_FULL_SECONDS = 2;
    private static final int CURVE_QUICK_MESSAGES = 10_000;
    private static final int CURVE_FULL_MESSAGES = 40_000;

    private final ConsumerOptions options;
    private final double fraction;
    private final String maxScenario;
    private final boolean curve;

    private EndToEndLatency(String scenario, String maxScenario, String baseline, ConsumerOptions options,
                            double fraction, boolean curve) {
        super("tributary", scenario, baseline);
        this.options = options;
        this.fraction = fraction;
        this.maxScenario = maxScenario;
        this.curve = curve;
    }

    /** {@code end-to-end-max} (fraction 1) or {@code latency-at-Npct}: batches of {@value Bench#BATCH}. */
    EndToEndLatency(double fraction) {
        this(fraction >= 1 ? "end-to-end-max" : String.format(Locale.ROOT, "latency-at-%.0fpct", fraction * 100),
                "end-to-end-max", fraction >= 1 ? "end-to-end-max" : null,
                ConsumerOptions.DEFAULTS.withBatchSize(Bench.BATCH), fraction, false);
    }

    /**
     * A point of the consumer curve: {@code curve-bBATCH-lLINGER-max} (fraction 1) or
     * {@code curve-bBATCH-lLINGER-at-Npct}, consuming with batch limit {@code batch} and linger
     * {@code lingerMillis} (0: fixed batches); measured in the first repetition only, on fewer messages.
     */
    static EndToEndLatency curve(int batch, int lingerMillis, double fraction) {
        String point = ConsumerCurve.name(batch, lingerMillis);
        ConsumerOptions options = lingerMillis == 0 ? ConsumerOptions.DEFAULTS.withBatchSize(batch)
                : ConsumerOptions.DEFAULTS.withAdaptiveBatching(batch, Duration.ofMillis(lingerMillis));
        return new EndToEndLatency(fraction >= 1 ? point + "-max"
                : String.format(Locale.ROOT, "%s-at-%.0fpct", point, fraction * 100), point + "-max", null, options,
                fraction, true);
    }

    @Override
    public boolean firstRepetitionOnly() {
        return curve;
    }

    @Override
    public Measurement run(Bench bench) throws Exception {
        double rate = 0;
        int count = curve ? (bench.quick() ? CURVE_QUICK_MESSAGES : CURVE_FULL_MESSAGES) : bench.count();
        if (fraction < 1) {
            OptionalDouble max = bench.median(system(), maxScenario);
            if (max.isEmpty()) {
                throw new IllegalStateException(maxScenario + " was not measured, so there is no rate to pace at");
            }
            rate = fraction * max.getAsDouble();
            int seconds = curve ? (bench.quick() ? CURVE_QUICK_SECONDS : CURVE_FULL_SECONDS)
                    : (bench.quick() ? QUICK_SECONDS : FULL_SECONDS);
            count = (int) Math.max(1, Math.min(count, rate * seconds));
        }
        String queue = bench.freshQueue();
        long[] latencies = new long[count];
        int[] seen = {0};
        try (JmsStreams streams = bench.streams(options); Consumer consumer = streams.consumer(queue);
             Producer producer = streams.producer(queue)) {
            long start = System.nanoTime();
            CompletableFuture<Void> sending = send(producer, count, rate);
            TributaryConsume.drain(consumer, count, m -> {
                latencies[seen[0]++] = System.nanoTime() - ByteBuffer.wrap(m.value()).getLong();
            });
            Measurement throughput = Measurement.rate(count, start);
            sending.get(60, TimeUnit.SECONDS);
            return new Measurement(throughput.msgsPerSec(), Latency.of(latencies, seen[0], rate == 0 ? throughput.msgsPerSec() : rate),
                    null, count + " messages" + (rate == 0 ? ", unpaced" : String.format(Locale.ROOT, ", paced at %.0f msg/s", rate))
                            + ", batch limit " + options.batchSize() + ", linger " + options.linger().toMillis() + " ms");
        }
    }

    private static CompletableFuture<Void> send(Producer producer, int count, double rate) {
        return Background.start("bench-latency-producer", () -> {
            long start = System.nanoTime();
            for (int i = 0; i < count; i++) {
                if (rate > 0) {
                    awaitNanoTime(start + (long) (i * 1e9 / rate));
                }
                byte[] body = Bench.body();
                ByteBuffer.wrap(body).putLong(System.nanoTime());
                producer.send(Message.of(body));
            }
            producer.flush(Duration.ofSeconds(60));
        });
    }

    private static void awaitNanoTime(long when) {
        for (long left = when - System.nanoTime(); left > 0; left = when - System.nanoTime()) {
            LockSupport.parkNanos(left);
        }
    }
}
