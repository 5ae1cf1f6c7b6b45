package io.tributary.eventstream.jms;

import io.tributary.eventstream.Event;
import io.tributary.eventstream.StreamIdentity;
import jakarta.jms.BytesMessage;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.Queue;
import jakarta.jms.QueueBrowser;
import jakarta.jms.Session;

import java.time.Instant;
import java.util.Enumeration;

/**
 * How events and the head marker look on the retained and head queues.
 *
 * <p>An event is a bytes message: body = payload, properties {@value #OFFSET}, {@value #TYPE},
 * {@value #TIME} (epoch milliseconds), and a duplicate-detection id {@code <owner>/<name>@<offset>}: a
 * second write of an offset (a sequencer that lost its place) makes the broker roll its transaction
 * back instead of storing the offset twice. The head is an empty message with {@value #NEXT}, the next
 * offset to give, under the last-value key {@code head}.
 */
final class RetainedEvents {

    static final String OFFSET = "tributary_offset";
    static final String TYPE = "tributary_type";
    static final String TIME = "tributary_time";
    static final String NEXT = "tributary_next";
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
        return message;
    }

    static Event toEvent(Message message) throws JMSException {
        byte[] payload = message.getBody(byte[].class);
        return Event.of(message.getLongProperty(OFFSET), message.getStringProperty(TYPE),
                payload == null ? new byte[0] : payload, Instant.ofEpochMilli(message.getLongProperty(TIME)));
    }

    /**
     * The first field of {@code message} whose value is not of the type an event has ({@value #OFFSET} and
     * {@value #TIME} longs, {@value #TYPE} a string), else {@code body}: for the reason of a refusal. Never throws.
     */
    static String suspectField(Message message) {
        try {
            if (!(message.getObjectProperty(OFFSET) instanceof Long)) {
                return OFFSET;
            }
            if (!(message.getObjectProperty(TYPE) instanceof String)) {
                return TYPE;
            }
            return message.getObjectProperty(TIME) instanceof Long ? "body" : TIME;
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
