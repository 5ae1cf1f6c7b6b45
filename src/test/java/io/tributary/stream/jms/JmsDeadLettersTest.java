package io.tributary.stream.jms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tributary.stream.Consumer;
import io.tributary.stream.ConsumerOptions;
import io.tributary.stream.Message;
import io.tributary.stream.Producer;
import io.tributary.stream.ProducerOptions;
import io.tributary.stream.RedeliveryPolicy;
import io.tributary.testing.EmbeddedBroker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Browsing, redriving, deleting and purging dead letters on a real (embedded) Artemis broker. */
class JmsDeadLettersTest {

    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final ConsumerOptions ONE_ATTEMPT = ConsumerOptions.DEFAULTS.withRedelivery(
            new RedeliveryPolicy(1, Duration.ZERO, 1.0, Duration.ZERO));

    @RegisterExtension
    static final EmbeddedBroker BROKER = new EmbeddedBroker();

    private JmsStreams streams;
    private JmsDeadLetters deadLetters;
    private String stream;

    @BeforeEach
    void open() {
        streams = new JmsStreams(BROKER.factory(), ProducerOptions.DEFAULTS, ConsumerOptions.DEFAULTS, ".DLQ");
        deadLetters = new JmsDeadLetters(BROKER.factory(), streams::deadLetterStream);
        stream = "orders-" + UUID.randomUUID();
    }

    @AfterEach
    void close() {
        streams.close();
    }

    @Test
    void browsesPagesWithFilterAndSelector() throws Exception {
        List<Message> dead = deadLetter(5);
        JmsDeadLetters.Page first = deadLetters.browse(stream, 0, 2, null, null);
        assertEquals(ids(dead.subList(0, 2)), ids(first.letters()));
        assertTrue(first.more());
        JmsDeadLetters.Page last = deadLetters.browse(stream, 4, 2, null, null);
        assertEquals(ids(dead.subList(4, 5)), ids(last.letters()));
        assertFalse(last.more());
        assertEquals("bad order 3", deadLetters.browse(stream, 0, 10, null, "ORDER 3").letters().get(0)
                .tag(Consumer.REASON_TAG), "the filter finds the reason, case-insensitively");
        assertEquals(ids(dead.subList(1, 2)), ids(deadLetters.browse(stream, 0, 10, "tributary_key = 'k1'", null)
                .letters()), "a JMS selector on the key");
        assertEquals(dead.get(2).id(), deadLetters.find(stream, dead.get(2).id()).orElseThrow().id());
        assertTrue(deadLetters.find(stream, "no-such-id").isEmpty());
    }

    @Test
    void redriveSendsTheLetterBackWithItsIdAndAFreshAttempt() throws Exception {
        List<Message> dead = deadLetter(3);
        assertEquals(1, deadLetters.redrive(stream, List.of(dead.get(1).id())));
        assertEquals(ids(List.of(dead.get(0), dead.get(2))), ids(deadLetters.browse(stream, 0, 10, null, null)
                .letters()));
        try (Consumer consumer = streams.consumer(stream)) {
            Message back = consumer.receive(10, WAIT).get(0);
            consumer.ack(back);
            assertEquals(dead.get(1).id(), back.id(), "the id is kept, so duplicates are still detected");
            assertEquals(1, back.deliveryAttempt(), "the attempts start again");
            assertEquals("k1", back.key());
            assertEquals("order 1", back.text());
            assertNull(back.tag(Consumer.REASON_TAG));
            assertNull(back.tag(Consumer.ORIGIN_TAG));
            assertEquals(0, consumer.receive(10, Duration.ofMillis(200)).size(), "redriven once");
        }
        assertEquals(2, deadLetters.redriveAll(stream));
        assertEquals(2, streams.backlog(stream));
        assertEquals(0, streams.backlog(streams.deadLetterStream(stream)));
    }

    @Test
    void deleteAndPurgeRemoveDeadLetters() throws Exception {
        List<Message> dead = deadLetter(4);
        assertEquals(2, deadLetters.delete(stream, List.of(dead.get(0).id(), dead.get(3).id())));
        assertEquals(ids(dead.subList(1, 3)), ids(deadLetters.browse(stream, 0, 10, null, null).letters()));
        assertEquals(2, deadLetters.purge(stream));
        assertTrue(deadLetters.browse(stream, 0, 10, null, null).letters().isEmpty());
        assertEquals(0, streams.backlog(stream), "nothing went back to the stream");
    }

    @Test
    void badInputIsRefusedWithTheBadValueNamed() {
        IllegalArgumentException selector = assertThrows(IllegalArgumentException.class,
                () -> deadLetters.browse(stream, 0, 10, "dlq_reason LIKE", null));
        assertTrue(selector.getMessage().contains("dlq_reason LIKE"), selector.getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> deadLetters.browse(stream, 0, 201, null, null))
                .getMessage().contains("limit 201"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> deadLetters.redrive(stream, List.of()))
                .getMessage().contains("0 ids"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> deadLetters.delete(stream, List.of("a\nb")))
                .getMessage().contains("control character"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> deadLetters.purge("bad name!"))
                .getMessage().contains("bad name!"));
    }

    @Test
    void quotesInIdsCannotWidenTheSelection() throws Exception {
        List<Message> dead = deadLetter(2);
        assertEquals(0, deadLetters.delete(stream, List.of("x' OR '1'='1")));
        assertEquals(ids(dead), ids(deadLetters.browse(stream, 0, 10, null, null).letters()));
    }

    /** Sends n messages (key k<i>, text "order <i>") and dead-letters each with reason "bad order <i>". */
    private List<Message> deadLetter(int n) throws Exception {
        try (Producer producer = streams.producer(stream)) {
            for (int i = 0; i < n; i++) {
                producer.send(Message.builder().text("order " + i).key("k" + i).build());
            }
            producer.flush(WAIT);
        }
        List<Message> dead = new ArrayList<>();
        try (Consumer consumer = streams.consumer(stream, ONE_ATTEMPT)) {
            while (dead.size() < n) {
                List<Message> batch = consumer.receive(n, WAIT);
                assertFalse(batch.isEmpty(), "only " + dead.size() + " of " + n + " arrived");
                for (Message m : batch) {
                    consumer.nack(m, "bad " + m.text());
                    dead.add(m);
                }
            }
        }
        return dead;
    }

    private static List<String> ids(List<Message> messages) {
        return messages.stream().map(Message::id).toList();
    }
}
