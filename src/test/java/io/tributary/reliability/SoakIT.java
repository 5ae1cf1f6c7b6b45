package io.tributary.reliability;

import io.tributary.testing.TestPorts;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tributary.stream.Consumer;
import io.tributary.stream.ConsumerOptions;
import io.tributary.stream.Message;
import io.tributary.stream.Producer;
import io.tributary.stream.jms.JmsStreams;
import io.tributary.testing.ArtemisProcess;
import io.tributary.testing.Deadlines;
import java.time.Duration;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;

/**
 * Scenario 7: soak. A steady rate ({@code -Dsoak.rate}, default 500 messages/s) flows producer to
 * consumer through {@link JmsStreams} on the Artemis process for {@code -Dsoak.minutes} (default 0.6,
 * the short form in {@code mvn verify}). The heap in use right after a full GC is sampled twenty times;
 * the drift between the mean of the first and the last tenth of the run is reported (a measurement,
 * under 10% expected, never asserted). Asserted: received set == sent set (0 lost).
 */
class SoakIT {

    private static final int PORT = TestPorts.shifted(62204);
    private static final int SAMPLES = 20;
    private static final Duration DRAIN_DEADLINE = Duration.ofMinutes(2);

    private final AtomicInteger sent = new AtomicInteger();
    private final BitSet received = new BitSet();
    private final AtomicLong deliveries = new AtomicLong();
    private final AtomicLong maxLag = new AtomicLong();
    private final List<long[]> samples = new ArrayList<>();
    private volatile boolean producing = true;

    @Test
    void aSteadyRateLosesNothingAndTheHeapStaysFlat() throws Exception {
        double minutes = Double.parseDouble(System.getProperty("soak.minutes", "0.6"));
        int rate = Integer.getInteger("soak.rate", 200);
        long runNanos = (long) (minutes * 60e9);
        String stream = "reliability.soak";
        ConsumerOptions options = ConsumerOptions.DEFAULTS.withBatchSize(100).withReceiveWait(Duration.ofMillis(200));
        ExecutorService pool = Executors.newFixedThreadPool(2);
        ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
        try (ArtemisProcess broker = ArtemisProcess.create("reliability-soak", PORT).start();
             JmsStreams streams = Connect.streams(broker, options)) {
            long started = System.nanoTime();
            Future<?> consumer = pool.submit(() -> consume(streams, stream));
            Future<?> producer = pool.submit(() -> produce(streams, stream, rate, started + runNanos));
            sampler.scheduleAtFixedRate(() -> sample(started), runNanos / SAMPLES / 2, runNanos / SAMPLES,
                    TimeUnit.NANOSECONDS);
            producer.get(runNanos / 1_000_000 + DRAIN_DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
            sampler.shutdown();
            Deadlines.await(() -> cardinality() >= sent.get(), DRAIN_DEADLINE, "the consumer catches up");
            producing = false;
            consumer.get(DRAIN_DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
        } finally {
            producing = false;
            sampler.shutdownNow();
            pool.shutdownNow();
        }
        int total = sent.get();
        int got = cardinality();
        BitSet missing = new BitSet();
        missing.set(0, total);
        synchronized (received) {
            missing.andNot(received);
        }
        long duplicates = deliveries.get() - got;
        String heap = drift(runNanos);
        ReliabilitySummary.record("soak", total, got, missing.cardinality(), duplicates, String.format(Locale.ROOT,
                "%.1f min at %d messages/s (achieved %.0f/s); %s; largest consumer lag %d messages", minutes, rate,
                total / (minutes * 60), heap, maxLag.get()));
        assertEquals(0, missing.cardinality(), "lost messages, e.g. soak-" + missing.nextSetBit(0));
        assertTrue(total >= rate * minutes * 60 * 0.5, "only " + total + " sent: the run did not take place");
    }

    private Void produce(JmsStreams streams, String stream, int rate, long endNanos) throws Exception {
        long started = System.nanoTime();
        try (Producer producer = streams.producer(stream)) {
            for (long now = started; now < endNanos; now = System.nanoTime()) {
                long due = (now - started) * rate / 1_000_000_000L;
                while (sent.get() < due) {
                    int n = sent.get();
                    producer.send(Message.builder().id("soak-" + n).text("soak message " + n + " ".repeat(200)).build());
                    sent.incrementAndGet();
                }
                maxLag.accumulateAndGet(sent.get() - cardinality(), Math::max);
                LockSupport.parkNanos(2_000_000);
            }
            producer.flush(DRAIN_DEADLINE);
        }
        return null;
    }

    private Void consume(JmsStreams streams, String stream) throws Exception {
        try (Consumer consumer = streams.consumer(stream)) {
            while (producing) {
                for (Message m : consumer.receive()) {
                    int n = Integer.parseInt(m.id().substring("soak-".length()));
                    deliveries.incrementAndGet();
                    synchronized (received) {
                        received.set(n);
                    }
                    consumer.ack(m);
                }
            }
        }
        return null;
    }

    private int cardinality() {
        synchronized (received) {
            return received.cardinality();
        }
    }

    private void sample(long started) {
        long used = Heap.usedAfterGc();
        synchronized (samples) {
            samples.add(new long[] {System.nanoTime() - started, used});
        }
    }

    /** The mean heap after GC of the first and last tenth of the run, and the drift between them. */
    private String drift(long runNanos) {
        long first = 0;
        long last = 0;
        int firstCount = 0;
        int lastCount = 0;
        synchronized (samples) {
            for (long[] s : samples) {
                if (s[0] < runNanos / 10) {
                    first += s[1];
                    firstCount++;
                } else if (s[0] >= runNanos - runNanos / 10 && s[0] <= runNanos) {
                    last += s[1];
                    lastCount++;
                }
            }
        }
        if (samples.size() < 2) {
            return "heap drift not measured (" + samples.size() + " samples)";
        }
        if (firstCount == 0) {
            first = samples.get(0)[1];
            firstCount = 1;
        }
        if (lastCount == 0) {
            last = samples.get(samples.size() - 1)[1];
            lastCount = 1;
        }
        double a = first / (double) firstCount;
        double b = last / (double) lastCount;
        return String.format(Locale.ROOT, "heap after GC %s (first tenth) -> %s (last tenth): drift %+.1f%%, %d samples",
                Heap.mib((long) a), Heap.mib((long) b), (b - a) * 100 / a, samples.size());
    }
}
