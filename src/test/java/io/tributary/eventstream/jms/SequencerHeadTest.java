package io.tributary.eventstream.jms;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tributary.artemis.ArtemisConnections;
import io.tributary.artemis.EmbeddedArtemis;
import io.tributary.eventstream.Cursor;
import io.tributary.eventstream.Event;
import io.tributary.eventstream.EventStream;
import io.tributary.eventstream.NewEvent;
import io.tributary.eventstream.Retention;
import io.tributary.eventstream.StreamIdentity;
import io.tributary.testing.Deadlines;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sequencer never gives an offset twice when the head it reads goes backwards: a stale head written into the
 * head queue (as a lagging read or a sequencer that lost its session would show it) is passed over, and the offsets
 * stay dense. Before the guard, every transaction after such a head was refused by the broker's duplicate
 * detection and the stream stopped.
 */
class SequencerHeadTest {

    private static final String TYPE = "t";
    private static final Duration DEADLINE = Duration.ofSeconds(30);

    @TempDir
    static Path dir;
    private static EmbeddedArtemis broker;

    @BeforeAll
    static void startBroker() {
        broker = new EmbeddedArtemis(dir);
        broker.start();
    }

    @AfterAll
    static void stopBroker() {
        broker.close();
    }

    @Test
    void aHeadThatGoesBackwardsGivesNoOffsetTwice() throws Exception {
        ConnectionFactory factory = ArtemisConnections.connectionFactory(broker.connectionUrl());
        StreamIdentity identity = new StreamIdentity("sequencer-head", "stale");
        try (EventStream stream = new JmsEventStream(factory, identity, Set.of(TYPE), Retention.ofCount(1_000))) {
            append(stream, 0, 10);
            Deadlines.await(() -> stream.head() == 10, DEADLINE, "the first 10 events sequenced");
            writeHead(factory, identity, 3);
            append(stream, 10, 5);
            Deadlines.await(() -> stream.head() == 15, DEADLINE, () -> "the next 5 events sequenced after a stale"
                    + " head of 3 (head now " + stream.head() + ")");
            List<String> texts = new ArrayList<>();
            try (Cursor cursor = stream.open(0, Set.of(TYPE))) {
                for (long offset = 0; offset < 15; offset++) {
                    Optional<Event> e = cursor.next(DEADLINE);
                    assertEquals(offset, e.orElseThrow().offset(), "offsets are dense");
                    texts.add(e.get().text());
                }
            }
            List<String> expected = new ArrayList<>();
            for (int i = 0; i < 15; i++) {
                expected.add("event " + i);
            }
            assertEquals(expected, texts, "every event once, in append order");
        }
    }

    private static void append(EventStream stream, int from, int count) {
        for (int i = from; i < from + count; i++) {
            stream.append(List.of(NewEvent.ofText(TYPE, "event " + i)));
        }
    }

    /** Replaces the stream's head with {@code next}, as a stale writer would. */
    private static void writeHead(ConnectionFactory factory, StreamIdentity identity, long next) throws Exception {
        try (Connection c = factory.createConnection()) {
            Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
            EventQueues queues = new EventQueues(identity);
            MessageProducer p = s.createProducer(queues.head(s));
            p.send(RetainedEvents.head(s, next));
        }
    }
}
