package io.tributary.eventstream.jms;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tributary.eventstream.Cursor;
import io.tributary.eventstream.Event;
import io.tributary.eventstream.EventTrace;
import io.tributary.eventstream.Retention;
import io.tributary.eventstream.StreamIdentity;
import io.tributary.testing.EmbeddedBroker;
import jakarta.jms.BytesMessage;
import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.MessageProducer;
import jakarta.jms.QueueBrowser;
import jakarta.jms.Session;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * How the trace context of events travels on Artemis, checked against messages written by hand with the
 * core JMS client, as an older Tributary or another client writes them: appends without the trace trailer
 * (written before events were traced) and with malformed or cut trailers are sequenced whole, without trace
 * context, none set aside; retained events whose trace properties are of another type, too long or carry
 * control characters are read without trace context.
 */
class EventTraceEncodingTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final String TRACEPARENT = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";

    @RegisterExtension
    static final EmbeddedBroker BROKER = new EmbeddedBroker();

    private StreamIdentity identity;
    private EventQueues queues;
    private JmsEventStream stream;
    private Connection connection;
    private Session session;

    @BeforeEach
    void open() throws JMSException {
        identity = new StreamIdentity("tests", "traced-" + UUID.randomUUID().toString().substring(0, 8));
        queues = new EventQueues(identity);
        stream = new JmsEventStream(BROKER.factory(), identity, Set.of("noted"), Retention.ofCount(100));
        connection = BROKER.factory().createConnection();
        session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
        connection.start();
    }

    @AfterEach
    void close() throws JMSException {
        connection.close();
        stream.close();
    }

    @Test
    void appendsWithoutOrWithMalformedTrailersAreSequencedWholeWithoutTraceContext() throws Exception {
        try (MessageProducer intake = session.createProducer(queues.intake(session))) {
            intake.send(append("before-tracing"));
            BytesMessage controlCharacters = append("control-characters");
            controlCharacters.writeUTF("00-\r\n-01");
            controlCharacters.writeUTF("");
            intake.send(controlCharacters);
            BytesMessage cut = append("cut-trailer");
            cut.writeUTF(TRACEPARENT);
            intake.send(cut);
            BytesMessage garbage = append("garbage-trailer");
            garbage.writeBytes(new byte[] {(byte) 0xFF, (byte) 0xFF, 1, 2, 3});
            intake.send(garbage);
            BytesMessage valid = append("valid-trailer");
            valid.writeUTF(TRACEPARENT);
            valid.writeUTF("vendor=x");
            intake.send(valid);
        }
        List<Event> events = read(5);
        assertEquals(List.of("before-tracing", "control-characters", "cut-trailer", "garbage-trailer", "valid-trailer"),
                events.stream().map(Event::text).toList(), "every append sequenced, in order");
        for (Event e : events.subList(0, 4)) {
            assertEquals(EventTrace.NONE, e.trace(), e.text());
        }
        assertEquals(EventTrace.of(TRACEPARENT, "vendor=x"), events.get(4).trace());
        try (QueueBrowser invalid = session.createBrowser(queues.invalid(session))) {
            assertEquals(false, invalid.getEnumeration().hasMoreElements(), "none set aside as invalid");
        }
    }

    @Test
    void retainedEventsWithForeignTracePropertiesAreReadWithoutTraceContext() throws Exception {
        try (MessageProducer retained = session.createProducer(queues.retained(session))) {
            BytesMessage integer = event(0);
            integer.setIntProperty("traceparent", 42);
            retained.send(integer);
            BytesMessage tooLong = event(1);
            tooLong.setStringProperty("traceparent", "0".repeat(5_000));
            retained.send(tooLong);
            BytesMessage crlf = event(2);
            crlf.setStringProperty("traceparent", TRACEPARENT + "\r\n");
            crlf.setStringProperty("tracestate", "a=b\nc");
            retained.send(crlf);
            BytesMessage valid = event(3);
            valid.setStringProperty("traceparent", TRACEPARENT);
            retained.send(valid);
        }
        List<Event> events = read(4);
        assertEquals(List.of(EventTrace.NONE, EventTrace.NONE, EventTrace.NONE, EventTrace.of(TRACEPARENT, null)),
                events.stream().map(Event::trace).toList());
    }

    /** An intake message for one event {@code text}, in the body format without trailer. */
    private BytesMessage append(String text) throws JMSException {
        byte[] payload = text.getBytes(StandardCharsets.UTF_8);
        BytesMessage message = session.createBytesMessage();
        message.writeInt(1);
        message.writeUTF("noted");
        message.writeInt(payload.length);
        message.writeBytes(payload);
        return message;
    }

    /** A retained event at {@code offset} as the sequencer writes it, without trace properties. */
    private BytesMessage event(long offset) throws JMSException {
        BytesMessage message = session.createBytesMessage();
        message.writeBytes(("event " + offset).getBytes(StandardCharsets.UTF_8));
        message.setLongProperty(RetainedEvents.OFFSET, offset);
        message.setStringProperty(RetainedEvents.TYPE, "noted");
        message.setLongProperty(RetainedEvents.TIME, System.currentTimeMillis());
        message.setStringProperty(IntakeBatch.DUPLICATE_ID, identity + "@" + offset);
        return message;
    }

    private List<Event> read(int count) {
        List<Event> events = new ArrayList<>();
        try (Cursor cursor = stream.open(0, Set.of("noted"))) {
            while (events.size() < count) {
                events.add(cursor.next(WAIT).orElseThrow(() -> new AssertionError("only " + events.size() + " events")));
            }
        }
        return events;
    }
}
