package io.tributary.eventstream.jms;

import io.tributary.eventstream.Cursor;
import io.tributary.eventstream.Event;
import io.tributary.eventstream.EventStream;
import io.tributary.eventstream.EventStreamConformance;
import io.tributary.eventstream.NewEvent;
import io.tributary.eventstream.OneOrder;
import io.tributary.eventstream.Retention;
import io.tributary.eventstream.StreamIdentity;
import io.tributary.testing.Deadlines;
import io.tributary.stream.StreamException;
import io.tributary.eventstream.Truncated;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static io.tributary.eventstream.EventStreamConformance.TYPES;
import static io.tributary.eventstream.EventStreamConformance.appendNumbered;
import static io.tributary.eventstream.EventStreamConformance.read;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link JmsEventStream} when things die: the embedded broker restarted on its persistent journal, and
 * the active sequencer's connection killed in the middle of a transaction while other instances append.
 */
class JmsEventStreamFailureTest {

    private static final StreamIdentity LEDGER = new StreamIdentity("test", "ledger");
    private static final Retention RETENTION = Retention.ofCount(100_000);

    @TempDir
    Path dir;
    private final List<EventStream> streams = new ArrayList<>();
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private TestBroker broker;

    @AfterEach
    void close() throws Exception {
        streams.forEach(EventStream::close);
        threads.shutdownNow();
        assertTrue(threads.awaitTermination(30, TimeUnit.SECONDS));
        broker.close();
    }

    @Test
    void eventsAndOffsetsSurviveABrokerRestart() throws Exception {
        broker = new TestBroker(dir);
        EventStream before = connect();
        appendNumbered(before, 0, 40);
        List<Event> written = read(before, 0, 40, TYPES);
        broker.restart();
        EventStream after = connect();
        assertEquals(written.subList(15, 40), read(after, 15, 25, TYPES));
        appendNumbered(after, 40, 41);
        Event next = read(after, 40, 1, TYPES).get(0);
        assertEquals("e40", next.text(), "the head was recovered: offsets go on from 40");
    }

    @Test
    void anInstanceWhoseFactoryReconnectsCarriesOnAcrossABrokerRestart() throws Exception {
        broker = new TestBroker(dir);
        EventStream stream = new JmsEventStream(broker.reconnectingConnectionFactory(), LEDGER, TYPES, RETENTION);
        streams.add(stream);
        appendNumbered(stream, 0, 10);
        try (Cursor cursor = stream.open(3, TYPES)) {
            assertEquals(3, cursor.next(EventStreamConformance.WAIT).orElseThrow().offset());
            broker.restart();
            appendNumbered(stream, 10, 20);
            for (int i = 4; i < 20; i++) {
                Event event = cursor.next(EventStreamConformance.WAIT).orElseThrow();
                assertEquals(i, event.offset(), "the cursor carries on where it was, skipping what it had read");
                assertEquals("e" + i, event.text());
            }
        }
        List<Event> events = read(stream, 0, 20, TYPES);
        for (int i = 0; i < 20; i++) {
            assertEquals(i, events.get(i).offset());
            assertEquals("e" + i, events.get(i).text());
        }
    }

    @Test
    void anInstanceCarriesOnOnTheConnectionItsSupervisorRecreated() throws Exception {
        broker = new TestBroker(dir);
        JmsEventStream stream = new JmsEventStream(broker.givingUpConnectionFactory(), LEDGER, TYPES, RETENTION);
        streams.add(stream);
        appendNumbered(stream, 0, 10);
        broker.restart();
        Deadlines.await(() -> answers(stream), EventStreamConformance.WAIT, "the stream answers on a new connection");
        appendNumbered(stream, 10, 20);
        List<Event> events = read(stream, 0, 20, TYPES);
        for (int i = 0; i < 20; i++) {
            assertEquals(i, events.get(i).offset());
            assertEquals("e" + i, events.get(i).text(), "the sequencer carries on after the re-created connection");
        }
    }

    private static boolean answers(JmsEventStream stream) {
        try {
            return stream.retained().first() >= 0;
        } catch (StreamException e) {
            return false;
        }
    }

    @Test
    void appendsThatReturnedSurviveABrokerStopBeforeTheyWereSequenced() throws Exception {
        broker = new TestBroker(dir);
        EventStream before = connect();
        for (int i = 0; i < 200; i += 10) {
            appendNumbered(before, i, i + 10);
        }
        broker.restart();
        EventStream after = connect();
        List<Event> events = read(after, 0, 200, TYPES);
        for (int i = 0; i < 200; i++) {
            assertEquals(i, events.get(i).offset());
            assertEquals("e" + i, events.get(i).text());
        }
    }

    @Test
    void aSequencerKilledMidTransactionLosesAndDoublesNothing() throws Exception {
        SequencerKiller killer = new SequencerKiller(150);
        broker = new TestBroker(dir, killer);
        EventStream first = connect();
        first.append(EventStreamConformance.event(EventStreamConformance.PLACED, "warm-up"));
        read(first, 0, 1, TYPES);
        EventStream second = connect();
        EventStream third = connect();
        OneOrder.check(List.of(second, third, second, third), 100, threads, 1);
        assertNotNull(killer.killedSession(), "the active sequencer was killed during the appends");
    }

    @Test
    void aTransactionWritingAnOffsetTwiceIsRolledBackByTheBroker() throws Exception {
        broker = new TestBroker(dir);
        EventStream stream = connect();
        appendNumbered(stream, 0, 3);
        read(stream, 2, 1, TYPES);
        EventQueues queues = new EventQueues(LEDGER);
        try (Connection connection = broker.connectionFactory().createConnection();
             Session session = connection.createSession(true, Session.SESSION_TRANSACTED);
             MessageProducer producer = session.createProducer(queues.retained(session))) {
            Event stale = NewEvent.ofText(EventStreamConformance.SHIPPED, "stale").at(1, Instant.now());
            producer.send(RetainedEvents.toMessage(session, LEDGER, stale));
            assertThrows(JMSException.class, session::commit, "a stale sequencer cannot commit offset 1 again");
        }
        List<Event> events = read(stream, 0, 3, TYPES);
        assertEquals(List.of("e0", "e1", "e2"), events.stream().map(Event::text).toList());
        try (Cursor cursor = stream.open(3, TYPES)) {
            assertTrue(cursor.next(Duration.ofMillis(200)).isEmpty(), "nothing was added");
        }
    }

    @Test
    void aForeignMessageOnIntakeIsSetAsideAndTheStreamGoesOn() throws Exception {
        broker = new TestBroker(dir);
        EventStream stream = connect();
        EventQueues queues = new EventQueues(LEDGER);
        try (Connection connection = broker.connectionFactory().createConnection();
             Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE)) {
            session.createProducer(queues.intake(session)).send(session.createTextMessage("not an append"));
            appendNumbered(stream, 0, 2);
            assertEquals(List.of("e0", "e1"), read(stream, 0, 2, TYPES).stream().map(Event::text).toList());
            connection.start();
            Message setAside = session.createConsumer(queues.invalid(session)).receive(EventStreamConformance.WAIT.toMillis());
            assertNotNull(setAside, "the foreign message was kept on the invalid queue");
            assertEquals("not an append", new String(setAside.getBody(byte[].class), StandardCharsets.UTF_8),
                    "the raw body is kept");
            String reason = setAside.getStringProperty(io.tributary.stream.Consumer.REASON_TAG);
            assertTrue(reason.contains("TextMessage") && reason.contains("field body"), reason);
        }
    }

    @Test
    void aRetainedRingLargerThanTheBrokersPagingLimitStaysReadable() throws Exception {
        broker = new TestBroker(dir);
        EventStream stream = new JmsEventStream(broker.connectionFactory(), LEDGER, TYPES, Retention.ofCount(20_000));
        streams.add(stream);
        for (int i = 0; i < 50_000; i += 1_000) {
            appendNumbered(stream, i, i + 1_000);
        }
        assertEquals("e49999", read(stream, 49_999, 1, TYPES).get(0).text());
        assertEquals(30_000, assertThrows(Truncated.class, () -> stream.open(29_999, TYPES)).firstRetained());
        List<Event> retained = read(stream, 30_000, 20_000, TYPES);
        assertEquals("e30000", retained.get(0).text());
        assertEquals("e49999", retained.get(19_999).text());
    }

    @Test
    void aResentAppendIsStoredOnce() throws Exception {
        broker = new TestBroker(dir);
        EventStream stream = connect();
        EventQueues queues = new EventQueues(LEDGER);
        List<NewEvent> events = List.of(EventStreamConformance.event(EventStreamConformance.PLACED, "once"),
                EventStreamConformance.event(EventStreamConformance.SHIPPED, "only once"));
        String appendId = IntakeBatch.newId();
        try (Connection connection = broker.connectionFactory().createConnection();
             Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
             MessageProducer producer = session.createProducer(queues.intake(session))) {
            producer.send(IntakeBatch.encode(session, events, appendId));
            producer.send(IntakeBatch.encode(session, events, appendId));
        }
        stream.append(EventStreamConformance.event(EventStreamConformance.CANCELLED, "after"));
        List<Event> read = read(stream, 0, 3, TYPES);
        assertEquals(List.of("once", "only once", "after"), read.stream().map(Event::text).toList());
    }

    @Test
    void eventsOlderThanTheAgeLimitAreDroppedNotMovedToTheExpiryQueue() throws Exception {
        broker = new TestBroker(dir);
        EventStream stream = new JmsEventStream(broker.connectionFactory(), LEDGER, TYPES,
                Retention.ofCount(1_000).withMaxAge(Duration.ofMillis(200)));
        streams.add(stream);
        appendNumbered(stream, 0, 5);
        read(stream, 4, 1, TYPES);
        Instant deadline = Instant.now().plus(EventStreamConformance.WAIT);
        long first;
        while ((first = stream.retained().first()) < 5) {
            assertTrue(Instant.now().isBefore(deadline), "the events expired within " + EventStreamConformance.WAIT);
            stream.open(first, TYPES).close();
            TimeUnit.MILLISECONDS.sleep(20);
        }
        assertEquals(0, broker.messageCount(TestBroker.EXPIRY_QUEUE), "no copies of expired events kept");
    }

    private EventStream connect() {
        EventStream stream = new JmsEventStream(broker.connectionFactory(), LEDGER, TYPES, RETENTION);
        streams.add(stream);
        return stream;
    }
}
