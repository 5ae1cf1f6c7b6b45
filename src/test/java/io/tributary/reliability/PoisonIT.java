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
        try (ArtemisProcess broker = ArtemisProcess.create("reliability-poison", PORT).start();
             JmsStreams streams = Connect.streams(broker, options)) {
            try (Producer producer = streams.producer(stream)) {
                for (int i = 0; i < COUNT; i++) {
                    boolean bad = i % POISON_EVERY == 0;
                    Message m = Message.builder().id("p-" + i).text("message " + i).key("k" + i % 7)
                            .tag("kind", bad ? "poison" : "good").build();
                    (bad ? poison : good).add(m.id());
                    producer.send(m);
                }
                producer.flush(DEADLINE);
            }
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
                            + "; " + acked.size() + " good acked");
            assertEquals(Set.of(), lost, "good messages not acked");
            assertEquals(Set.of(), notDead, "poison messages missing from the dead-letter stream");
            for (String id : poison) {
                assertEquals(MAX_ATTEMPTS, attempts.get(id), "deliveries of " + id);
                Message m = dead.get(id);
                assertEquals("poison", m.tag("kind"), "original tag kept on " + id);
                assertEquals("k" + Integer.parseInt(id.substring(2)) % 7, m.key(), "key kept on " + id);
                assertEquals("handler refused " + id, m.tag(Consumer.REASON_TAG));
                assertEquals(stream, m.tag(Consumer.ORIGIN_TAG));
                assertTrue(m.text().startsWith("message "), "body kept on " + id);
            }
            assertEquals(good.size(), goodDeliveries, "good messages delivered more than once");
        }
    }
}
