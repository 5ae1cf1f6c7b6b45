package io.tributary.eventstream.jms;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tributary.artemis.ArtemisConnections;
import io.tributary.artemis.EmbeddedArtemis;
import io.tributary.eventstream.Cursor;
import io.tributary.eventstream.Event;
import io.tributary.eventstream.EventStream;
import io.tributary.eventstream.EventStreamConformance;
import io.tributary.eventstream.NewEvent;
import io.tributary.eventstream.Retention;
import io.tributary.eventstream.StreamIdentity;
import io.tributary.testing.Deadlines;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The conformance suite on {@link JmsEventStream} over the module's embedded broker
 * ({@link EmbeddedArtemis}, persistent, paging beyond 10 MiB per address); every {@link #connect} is a
 * new instance with its own connection, standing in for another application instance; and what only the JMS
 * design has: a sequencer that never gives an offset twice when the head it reads goes backwards.
 */
class JmsEventStreamTest extends EventStreamConformance {

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

    /** The broker every instance connects to. */
    static EmbeddedArtemis broker() {
        return broker;
    }

    @Override
    protected EventStream connect(StreamIdentity identity, Set<String> types, Retention retention) {
        return new JmsEventStream(ArtemisConnections.connectionFactory(broker.connectionUrl()), identity, types, retention);
    }

    @Override
    protected boolean toleratesReadAhead() {
        return true;
    }

    /**
     * A stale head written into the head queue (as a lagging read or a sequencer that lost its session would show
     * it) is passed over and the offsets stay dense. Before the guard, every transaction after such a head was
     * refused by the broker's duplicate detection and the stream stopped.
     */
    @Test
    void aHeadThatGoesBackwardsGivesNoOffsetTwice() throws Exception {
        Duration deadline = Duration.ofSeconds(30);
        ConnectionFactory factory = ArtemisConnections.connectionFactory(broker.connectionUrl());
        StreamIdentity identity = new StreamIdentity("sequencer-head", "stale");
        try (EventStream stream = new JmsEventStream(factory, identity, Set.of("t"), Retention.ofCount(1_000))) {
            appendTexts(stream, 0, 10);
            Deadlines.await(() -> stream.head() == 10, deadline, "the first 10 events sequenced");
            try (Connection c = factory.createConnection()) {
                Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
                MessageProducer p = s.createProducer(new EventQueues(identity).head(s));
                p.send(RetainedEvents.head(s, 3));
            }
            appendTexts(stream, 10, 5);
            Deadlines.await(() -> stream.head() == 15, deadline, () -> "the next 5 events sequenced after a stale"
                    + " head of 3 (head now " + stream.head() + ")");
            List<String> texts = new ArrayList<>();
            List<String> expected = new ArrayList<>();
            try (Cursor cursor = stream.open(0, Set.of("t"))) {
                for (long offset = 0; offset < 15; offset++) {
                    Optional<Event> e = cursor.next(deadline);
                    assertEquals(offset, e.orElseThrow().offset(), "offsets are dense");
                    texts.add(e.get().text());
                    expected.add("event " + offset);
                }
            }
            assertEquals(expected, texts, "every event once, in append order");
        }
    }

    private static void appendTexts(EventStream stream, int from, int count) {
        for (int i = from; i < from + count; i++) {
            stream.append(List.of(NewEvent.ofText("t", "event " + i)));
        }
    }
}
