package io.tributary.stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import static io.tributary.stream.StreamsConformance.DEADLINE;
import static io.tributary.stream.StreamsConformance.FAST_RETRY;
import static io.tributary.stream.StreamsConformance.await;
import static io.tributary.stream.StreamsConformance.receiveAcking;
import static io.tributary.stream.StreamsConformance.receiveSome;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The topic part of the {@link Streams} contract ({@link Streams#publisher}, {@link Streams#subscriber},
 * {@link Subscription}), as every implementation must honour it. Each test uses a fresh topic. Run by
 * each implementation's {@link StreamsConformance} test as a nested class, on the same broker.
 */
public abstract class TopicConformance extends StreamsFixture {

    protected String topic;

    @BeforeEach
    void name() {
        topic = "topic-" + UUID.randomUUID();
    }

    private Consumer subscriber(Subscription s) {
        return streams.subscriber(s, ConsumerOptions.DEFAULTS.withBatchSize(10)
                .withReceiveWait(Duration.ofMillis(200)).withRedelivery(FAST_RETRY));
    }

    private static List<String> texts(List<Message> ms) {
        return ms.stream().map(Message::text).toList();
    }

    private void publish(String... texts) throws Exception {
        try (Producer p = streams.publisher(topic)) {
            for (String t : texts) {
                await(p, Message.builder().text(t).key("k").priority(6).build());
            }
        }
    }

    @Test
    void everySubscriptionReceivesEachPublishedMessageInOrder() throws Exception {
        Subscription a = Subscription.durable(topic, "a");
        Subscription b = Subscription.durable(topic, "b");
        try (Consumer ca = subscriber(a); Consumer cb = subscriber(b)) {
            publish("m1", "m2", "m3");
            List<Message> gotA = receiveAcking(ca, 3);
            assertEquals(List.of("m1", "m2", "m3"), texts(gotA));
            assertEquals(List.of("m1", "m2", "m3"), texts(receiveAcking(cb, 3)));
            assertEquals(a.stream(), ca.stream());
            assertEquals(a.stream(), gotA.get(0).consumerTopic());
            assertEquals(topic, gotA.get(0).producerTopic());
            assertEquals("k", gotA.get(0).key());
            assertEquals(6, gotA.get(0).priority());
        }
    }

    @Test
    void durableSubscriptionKeepsWhatIsPublishedWhileNoConsumerIsOpen() throws Exception {
        Subscription s = Subscription.durable(topic, "keeps");
        subscriber(s).close();
        publish("while-away-1", "while-away-2");
        try (Consumer c = subscriber(s)) {
            StreamsConformance.eventually("backlog 2", () -> c.backlog() == 2);
            assertEquals(List.of("while-away-1", "while-away-2"), texts(receiveAcking(c, 2)));
        }
    }

    @Test
    void nonDurableSubscriptionKeepsNothingWithoutConsumer() throws Exception {
        Subscription s = new Subscription(topic, "passing", false, true);
        subscriber(s).close();
        publish("lost");
        try (Consumer c = subscriber(s)) {
            publish("seen");
            assertEquals(List.of("seen"), texts(receiveAcking(c, 1)));
            assertTrue(c.receive(10, Duration.ofMillis(300)).isEmpty());
        }
    }

    @Test
    void consumersOfASharedSubscriptionCompete() throws Exception {
        Subscription s = Subscription.durable(topic, "shared");
        int n = 20;
        try (Consumer c1 = subscriber(s); Consumer c2 = subscriber(s)) {
            String[] texts = new String[n];
            for (int i = 0; i < n; i++) {
                texts[i] = "m" + i;
            }
            publish(texts);
            Set<String> seen = new HashSet<>();
            long deadline = System.nanoTime() + DEADLINE.toNanos();
            while (seen.size() < n) {
                assertTrue(System.nanoTime() < deadline, "received " + seen);
                for (Consumer c : List.of(c1, c2)) {
                    for (Message m : c.receive(5, Duration.ofMillis(50))) {
                        assertTrue(seen.add(m.text()), "delivered twice: " + m.text());
                        c.ack(m);
                    }
                }
            }
        }
    }

    @Test
    void aSubscriptionThatIsNotSharedRefusesASecondConsumer() throws Exception {
        Subscription s = new Subscription(topic, "solo", true, false);
        try (Consumer first = subscriber(s)) {
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> subscriber(s));
            assertTrue(e.getMessage().contains("solo"), e.getMessage());
        }
        try (Consumer again = subscriber(s)) {
            publish("after");
            assertEquals(List.of("after"), texts(receiveAcking(again, 1)));
        }
    }

    @Test
    void aNackRetriesOnlyInItsSubscriptionThenDeadLetters() throws Exception {
        Subscription failing = Subscription.durable(topic, "failing");
        Subscription fine = Subscription.durable(topic, "fine");
        try (Consumer bad = subscriber(failing); Consumer good = subscriber(fine)) {
            publish("poison");
            assertEquals(List.of("poison"), texts(receiveAcking(good, 1)));
            for (int attempt = 1; attempt <= FAST_RETRY.maxAttempts(); attempt++) {
                List<Message> batch = receiveSome(bad, 10);
                assertEquals(attempt, batch.get(0).deliveryAttempt());
                batch.forEach(m -> bad.nack(m, "rejected"));
            }
            String dlq = streams.deadLetterStream(failing.stream());
            StreamsConformance.eventually("dead-lettered to " + dlq, () -> streams.backlog(dlq) == 1);
            assertTrue(good.receive(10, Duration.ofMillis(300)).isEmpty(), "the retry reached the other subscription");
            assertTrue(bad.receive(10, Duration.ofMillis(300)).isEmpty());
        }
    }

    @Test
    void badSubscriptionNamesAreRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Subscription(topic, "a/b", true, true));
        assertTrue(e.getMessage().contains("a/b"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> streams.publisher("bad topic"));
        assertThrows(NullPointerException.class, () -> Subscription.durable(null, "x"));
    }
}
