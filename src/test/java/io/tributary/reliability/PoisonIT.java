package io.tributary.reliability;

import io.tributary.testing.TestPorts;
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
import java.util.ArrayList;
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
 * reason and origin; every other message is acked once. The throughput with poison against without
 * (medians of alternating runs on the same broker) is reported, never asserted.
 */
class PoisonIT {

    private static final int PORT = TestPorts.shifted(61768);
    private static final int COUNT = 5_000;
    private static final int ROUNDS = 5;
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

    /** One pass: messages sent to a stream, then consumed until every good one is acked and nothing is left. */
    private static final class Run {
        final Set<String> poison = new HashSet<>();
        final Set<String> good = new HashSet<>();
        final Map<String, Integer> attempts = new HashMap<>();
        final Set<String> acked = new HashSet<>();
        long goodDeliveries;
        /** From the first receive until the last good message was acked: how fast the others flow. */
        long goodNanos;

        Run(JmsStreams streams, String stream, boolean withPoison) throws Exception {
            send(streams, stream, withPoison ? poison : null, good);
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
                            if (acked.size() == good.size() && goodNanos == 0) {
                                goodNanos = System.nanoTime() - started;
                            }
                        }
                    }
                }
            }
        }

        /** Good messages acked per second (a run that did not finish counts as 0). */
        long rate() {
            return goodNanos == 0 ? 0 : Math.round(good.size() * 1e9 / goodNanos);
        }
    }

    /** The median rate of {@code runs}. */
    private static long median(List<Run> runs) {
        return runs.stream().mapToLong(Run::rate).sorted().skip(runs.size() / 2).findFirst().orElseThrow();
    }

    @Test
    void poisonIsDeadLetteredAfterMaxAttemptsAndTheRestFlows() throws Exception {
        String stream = "reliability.poison";
        ConsumerOptions options = ConsumerOptions.DEFAULTS.withBatchSize(100).withReceiveWait(Duration.ofMillis(200))
                .withRedelivery(new RedeliveryPolicy(MAX_ATTEMPTS, Duration.ZERO, 1.0, Duration.ZERO));
        List<Run> without = new ArrayList<>();
        List<Run> with = new ArrayList<>();
        try (ArtemisProcess broker = ArtemisProcess.create("reliability-poison", PORT).start();
             JmsStreams streams = Connect.streams(broker, options)) {
            new Run(streams, stream + ".warm-up", false);
            for (int r = 0; r < ROUNDS; r++) {
                without.add(new Run(streams, stream + ".baseline-" + r, false));
                with.add(new Run(streams, r == 0 ? stream : stream + ".poison-" + r, true));
            }
            Run checked = with.get(0);
            Set<String> poison = checked.poison;
            Set<String> good = checked.good;
            Map<String, Integer> attempts = checked.attempts;
            Set<String> acked = checked.acked;
            long goodDeliveries = checked.goodDeliveries;
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
                            + "; " + acked.size() + " good acked; throughput with poison / without: " + String.format(
                            Locale.ROOT, "%.2f", median(with) / (double) median(without)) + " (medians of " + ROUNDS
                            + " alternating runs of " + COUNT + " messages on the same broker after a warm-up, good messages acked per"
                            + " second until the last good one; with "
                            + with.stream().map(Run::rate).toList() + ", without " + without.stream().map(Run::rate)
                            .toList() + " messages/s; a measurement, not asserted)");
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
