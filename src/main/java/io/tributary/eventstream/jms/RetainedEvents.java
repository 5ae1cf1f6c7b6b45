package io.tributary.eventstream.jms;

import io.tributary.eventstream.Event;
import io.tributary.eventstream.EventTrace;
import io.tributary.eventstream.StreamIdentity;
import jakarta.jms.BytesMessage;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.Queue;
import jakarta.jms.QueueBrowser;
import jakarta.jms.Session;

import java.time.Instant;
import java.util.Enumeration;
import java.util.Map;

/**
 * How events and the head marker look on the retained and head queues.
 *
 * <p>An event is a bytes message: body = payload, properties {@value #OFFSET}, {@value #TYPE},
 * {@value #TIME} (epoch milliseconds), and a duplicate-detection id {@code <owner>/<name>@<offset>}: a
 * second write of an offset (a sequencer that lost its place) makes the broker roll its transaction
 * back instead of storing the offset twice. An event appended with a trace context also carries the
 * string properties {@value #TRACEPARENT} and {@value #TRACESTATE}; reading them is lenient (absent, of
 * another type or malformed: the event is read without trace context). The head is an empty message with {@value #NEXT}, the next
 * offset to give, under the last-value key {@code head}.
 */
final class RetainedEvents {

    static final String OFFSET = "tributary_offset";
    static final String TYPE = "tributary_type";
    static final String TIME = "tributary_time";
    static final String NEXT = "tributary_next";
    static final String TRACEPARENT = io.tributary.stream.Message.TRACEPARENT_TAG;
    static final String TRACESTATE = io.tributary.stream.Message.TRACESTATE_TAG;
    private static final String LAST_VALUE_KEY = "_AMQ_LVQ_NAME";

    private RetainedEvents() {
    }

    static Message toMessage(Session session, StreamIdentity stream, Event event) throws JMSException {
        BytesMessage message = session.createBytesMessage();
        message.writeBytes(event.payload());
        message.setLongProperty(OFFSET, event.offset());
        message.setStringProperty(TYPE, event.type());
        message.setLongProperty(TIME, event.timestamp().toEpochMilli());
        message.setStringProperty(IntakeBatch.DUPLICATE_ID, stream + "@" + event.offset());
        for (Map.Entry<String, String> header : event.trace().headers().entrySet()) {
            message.setStringProperty(header.getKey(), header.getValue());
        }
        return message;
    }

    /**
     * The event {@code message} of {@code stream} holds: a bytes message with a long {@value #OFFSET} and
     * {@value #TIME}, a string {@value #TYPE}, and the duplicate-detection id {@code <stream>@<offset>} the
     * sequencer gave it (so a message another client put on the retained queue is not taken for an event).
     *
     * @throws IllegalArgumentException if it is not such a message (its body is never touched then: an
     *                                  {@code ObjectMessage} is never deserialized), or a field is invalid
     */
    static Event toEvent(Message message, StreamIdentity stream) throws JMSException {
        String suspect = suspectField(message, stream);
        if (suspect != null) {
            throw new IllegalArgumentException("not an event of " + stream + ": events are bytes messages with a long "
                    + OFFSET + " and " + TIME + ", a string " + TYPE + " and the duplicate-detection id "
                    + stream + "@<offset>");
        }
        byte[] payload = message.getBody(byte[].class);
        return Event.of(message.getLongProperty(OFFSET), message.getStringProperty(TYPE),
                payload == null ? new byte[0] : payload, Instant.ofEpochMilli(message.getLongProperty(TIME)))
                .withTrace(EventTrace.lenient(text(message, TRACEPARENT), text(message, TRACESTATE)));
    }

    /** The string property {@code name}, or {@code null} when it is absent, of another type or unreadable. */
    private static String text(Message message, String name) {
        try {
            return message.getObjectProperty(name) instanceof String value ? value : null;
        } catch (JMSException | RuntimeException unreadable) {
            return null;
        }
    }

    /**
     * The first field of {@code message} that an event of {@code stream} does not have so (see
     * {@link #toEvent}), {@code body} for another body type, or {@code null}. Never throws.
     */
    static String suspectField(Message message, StreamIdentity stream) {
        try {
            if (!(message.getObjectProperty(OFFSET) instanceof Long offset)) {
                return OFFSET;
            }
            if (!(message.getObjectProperty(TYPE) instanceof String)) {
                return TYPE;
            }
            if (!(message.getObjectProperty(TIME) instanceof Long)) {
                return TIME;
            }
            if (!(stream + "@" + offset).equals(message.getObjectProperty(IntakeBatch.DUPLICATE_ID))) {
                return IntakeBatch.DUPLICATE_ID;
            }
            return message instanceof BytesMessage ? null : "body";
        } catch (Throwable unreadable) {
            return "properties";
        }
    }

    /** The selector of a cursor starting at {@code offset}. */
    static String from(long offset) {
        return OFFSET + " >= " + offset;
    }

    static Message head(Session session, long next) throws JMSException {
        Message message = session.createMessage();
        message.setLongProperty(NEXT, next);
        message.setStringProperty(LAST_VALUE_KEY, "head");
        return message;
    }

    /** The next offset to give, from the head queue; 0 for a stream never appended to. */
    static long readHead(Session session, Queue head) throws JMSException {
        try (QueueBrowser browser = session.createBrowser(head)) {
            Enumeration<?> messages = browser.getEnumeration();
            return messages.hasMoreElements() ? ((Message) messages.nextElement()).getLongProperty(NEXT) : 0;
        }
    }
}
