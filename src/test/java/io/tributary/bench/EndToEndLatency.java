package io.tributary.bench;

import io.tributary.stream.Consumer;
import io.tributary.stream.Message;
import io.tributary.stream.Producer;
import io.tributary.stream.jms.JmsStreams;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.OptionalDouble;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Tributary end to end: a producer thread sending confirmed ({@link Producer#send}) while the harness thread
 * consumes in transacted batches of {@value Bench#BATCH} and acks. Each body starts with the send time
 * ({@link System#nanoTime()}); the consumer records receipt minus send time per message, giving p50/p99/p99.9.
 * With {@code fraction} 1 the producer runs flat out ({@code end-to-end-max}, which is "the measured maximum
 * rate"); otherwise it is paced at that fraction of the median {@code end-to-end-max} measured so far in this run,
 * for at most {@value #QUICK_SECONDS} s (quick) or {@value #FULL_SECONDS} s of messages. {@code end-to-end-max} is
 * compared with raw JMS doing the same ({@link RawEndToEnd}).
 */
final class EndToEndLatency extends NamedScenario {

    private static final int QUICK_SECONDS = 3;
    private static final int FULL_SECONDS = 8;

    private final double fraction;

    EndToEndLatency(double fraction) {
        super("tributary", fraction >= 1 ? "end-to-end-max" : String.format("latency-at-%.0fpct", fraction * 100),
                fraction >= 1 ? "end-to-end-max" : null);
        this.fraction = fraction;
    }

    @Override
    public Measurement run(Bench bench) throws Exception {
        double rate = 0;
        int count = bench.count();
        if (fraction < 1) {
            OptionalDouble max = bench.results().median(system(), "end-to-end-max");
            if (max.isEmpty()) {
                throw new IllegalStateException("end-to-end-max was not measured, so there is no rate to pace at");
            }
            rate = fraction * max.getAsDouble();
            count = (int) Math.min(count, rate * (bench.quick() ? QUICK_SECONDS : FULL_SECONDS));
        }
        String queue = bench.freshQueue();
        long[] latencies = new long[count];
        int[] seen = {0};
        try (JmsStreams streams = bench.streams(); Consumer consumer = streams.consumer(queue);
             Producer producer = streams.producer(queue)) {
            long start = System.nanoTime();
            CompletableFuture<Void> sending = send(producer, count, rate);
            TributaryConsume.drain(consumer, count, m -> {
                latencies[seen[0]++] = System.nanoTime() - ByteBuffer.wrap(m.value()).getLong();
            });
            Measurement throughput = Measurement.rate(count, start);
            sending.get(60, TimeUnit.SECONDS);
            return new Measurement(throughput.msgsPerSec(), Latency.of(latencies, seen[0], rate == 0 ? throughput.msgsPerSec() : rate),
                    null, count + " messages" + (rate == 0 ? ", unpaced" : String.format(", paced at %.0f msg/s", rate)));
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
