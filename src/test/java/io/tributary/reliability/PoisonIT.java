package io.tributary.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tributary.stream.Consumer;
import io.tributary.stream.ConsumerOptions;
import io.tributary.stream.Message;
import io.tributary.stream.Producer;
import io.tributary.stream.RedeliveryPolicy;
import io.tributary.stream.jms.JmsStreams;
import io.tributary.testing.ArtemisProcess;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Scenario 3: a handler that always fails on some messages. Each poison message is delivered exactly
 * {@code maxAttempts} times, then sits in the dead-letter stream with its id, key and tags plus the
 * reason and origin; every other message is acked once.
 */
class PoisonIT {

    private static final int PORT = 61768;
    private static final int COUNT = 1_000;
    private static final int POISON_EVERY = 50;
    private static final int MAX_ATTEMPTS = 3;
    private static final Duration DEADLINE = Duration.ofSeconds(60);

    /** Sends {@link #COUNT} messages, every {@link #POISON_EVERY}th tagged poison, and waits for every confirmation. */
    private static void send(JmsStreams streams, String stream, Set<String> poison, Set<String> good) throws Exception {
        try (Producer producer = streams.producer(stream)) {
            for (int i = 0; i < COUNT; i++) {
                boolean bad = i % POISON_EVERY == 0 && poison != null;
                Message m = Message.builder().id(stream + "-" + i).text("message " + i).key("k" + i % 7)
                        .tag("kind", bad ? "poison" : "good").build();
                (bad ? poison : good).add(m.id());
                producer.send(m);
            }
            producer.flush(DEADLINE);
        }
    }

    /** Sends {@link #COUNT} good messages to {@code stream}, then returns the nanoseconds a consumer takes to ack them all. */
    private static long drainTime(JmsStreams streams, String stream, ConsumerOptions options) throws Exception {
        Set<String> good = new HashSet<>();
        send(streams, stream, null, good);
        long started = System.nanoTime();
        int acked = 0;
        try (Consumer consumer = streams.consumer(stream, options)) {
            long end = System.nanoTime() + DEADLINE.toNanos();
            while ((acked < good.size() || streams.backlog(stream) > 0) && System.nanoTime() < end) {
                for (Message m : consumer.receive()) {
                    acked++;
                    consumer.ack(m);
                }
            }
        }
        assertEquals(good.size(), acked, "messages of the run without poison on " + stream);
        return System.nanoTime() - started;
    }

    private static String rate(long nanos) {
        return String.valueOf(Math.round(COUNT * 1e9 / nanos));
    }

    private static String ratio(long poisonNanos, long[] baselineNanos) {
        double baseline = (baselineNanos[0] + baselineNanos[1]) / 2.0;
        return String.format(Locale.ROOT, "%.2f", baseline / poisonNanos);
    }

    @Test
    void poisonIsDeadLetteredAfterMaxAttemptsAndTheRestFlows() throws Exception {
        String stream = "reliability.poison";
        ConsumerOptions options = ConsumerOptions.DEFAULTS.withBatchSize(100).withReceiveWait(Duration.ofMillis(200))
                .withRedelivery(new RedeliveryPolicy(MAX_ATTEMPTS, Duration.ZERO, 1.0, Duration.ZERO));
        Set<String> poison = new HashSet<>();
        Set<String> good = new HashSet<>();
        Map<String, Integer> attempts = new HashMap<>();
        Set<String> acked = new HashSet<>();
        long goodDeliveries = 0;
        long[] baselineNanos = new long[2];
        long poisonNanos;
        try (ArtemisProcess broker = ArtemisProcess.create("reliability-poison", PORT).start();
             JmsStreams streams = Connect.streams(broker, options)) {
            drainTime(streams, stream + ".warm-up", options);
            baselineNanos[0] = drainTime(streams, stream + ".baseline-1", options);
            send(streams, stream, poison, good);
            long started = System.nanoTime();
            try (Consumer consumer = streams.consumer(stream)) {
                long end = System.nanoTime() + DEADLINE.toNanos();
                while ((acked.size() < good.size() || streams.backlog(stream) > 0) && System.nanoTime() < end) {
                    for (Message m : consumer.receive()) {
                        if ("poison".equals(m.tag("kind"))) {
                            attempts.merge(m.id(), 1, Integer::sum);
                            consumer.nack(m, "handler refused " + m.id());
                        } else {
                            goodDeliveries++;
                            acked.add(m.id());
                            consumer.ack(m);
                        }
                    }
                }
            }
            poisonNanos = System.nanoTime() - started;
            baselineNanos[1] = drainTime(streams, stream + ".baseline-2", options);
            Map<String, Message> dead = new HashMap<>();
            try (Consumer dlq = streams.consumer(streams.deadLetterStream(stream))) {
                long end = System.nanoTime() + DEADLINE.toNanos();
                while (dead.size() < poison.size() && System.nanoTime() < end) {
                    for (Message m : dlq.receive()) {
                        dead.put(m.id(), m);
                        dlq.ack(m);
                    }
                }
            }
            Set<String> lost = new HashSet<>(good);
            lost.removeAll(acked);
            Set<String> notDead = new HashSet<>(poison);
            notDead.removeAll(dead.keySet());
            ReliabilitySummary.record("poison", COUNT, acked.size() + dead.size(), lost.size() + notDead.size(),
                    goodDeliveries - acked.size(), poison.size() + " poison messages, maxAttempts " + MAX_ATTEMPTS
                            + ": attempts seen " + new HashSet<>(attempts.values()) + ", dead-lettered " + dead.size()
                            + "; " + acked.size() + " good acked; throughput with poison / without: "
                            + ratio(poisonNanos, baselineNanos) + " (" + rate(poisonNanos) + " vs " + rate(baselineNanos[0])
                            + " and " + rate(baselineNanos[1]) + " messages/s; " + COUNT + " messages each, same broker,"
                            + " after a warm-up run, a run without poison before and after; a measurement, not asserted)");
            assertEquals(Set.of(), lost, "good messages not acked");
            assertEquals(Set.of(), notDead, "poison messages missing from the dead-letter stream");
            for (String id : poison) {
                assertEquals(MAX_ATTEMPTS, attempts.get(id), "deliveries of " + id);
                Message m = dead.get(id);
                assertEquals("poison", m.tag("kind"), "original tag kept on " + id);
                assertEquals("k" + Integer.parseInt(id.substring(id.lastIndexOf('-') + 1)) % 7, m.key(), "key kept on " + id);
                assertEquals("handler refused " + id, m.tag(Consumer.REASON_TAG));
                assertEquals(stream, m.tag(Consumer.ORIGIN_TAG));
                assertTrue(m.text().startsWith("message "), "body kept on " + id);
            }
            assertEquals(good.size(), goodDeliveries, "good messages delivered more than once");
        }
    }
}
