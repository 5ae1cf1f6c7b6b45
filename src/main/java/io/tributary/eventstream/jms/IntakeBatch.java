package io.tributary.eventstream.jms;

import io.tributary.eventstream.EventStream;
import io.tributary.eventstream.EventTrace;
import io.tributary.eventstream.NewEvent;
import jakarta.jms.BytesMessage;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.Session;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * One append on the intake queue: a single bytes message carrying all its events (so the sequencer
 * gives them consecutive offsets, all or none), with an Artemis duplicate-detection id so that a resend
 * of the same append is dropped by the broker instead of appended twice.
 *
 * <p>Body: event count (int), then per event its type (modified UTF-8) and payload (int length, bytes);
 * then, only when an event carries a trace context, a trailer with per event its {@code traceparent}
 * and {@code tracestate} (modified UTF-8, empty when absent). Decoding validates the events as strictly
 * as {@link NewEvent} does; nothing is Java-deserialized. The trailer is optional and read leniently: a
 * message without one (written before events were traced) or with a malformed one gives events without
 * trace context, never a refusal; an older sequencer ignores it.
 */
final class IntakeBatch {

    /** Artemis' duplicate-detection property ({@code Message.HDR_DUPLICATE_DETECTION_ID}). */
    static final String DUPLICATE_ID = "_AMQ_DUPL_ID";

    private IntakeBatch() {
    }

    /** A fresh duplicate-detection id for one append: every resend of that append carries it. */
    static String newId() {
        return "append-" + UUID.randomUUID();
    }

    /** A message for {@code events} carrying the duplicate-detection id {@code appendId}. */
    static BytesMessage encode(Session session, List<NewEvent> events, String appendId) throws JMSException {
        BytesMessage message = session.createBytesMessage();
        message.writeInt(events.size());
        for (NewEvent event : events) {
            message.writeUTF(event.type());
            message.writeInt(event.size());
            message.writeBytes(event.payload());
        }
        if (events.stream().anyMatch(e -> !e.trace().isEmpty())) {
            for (NewEvent event : events) {
                message.writeUTF(orEmpty(event.trace().traceparent()));
                message.writeUTF(orEmpty(event.trace().tracestate()));
            }
        }
        message.setStringProperty(DUPLICATE_ID, appendId);
        return message;
    }

    /**
     * The events of an intake message.
     *
     * @throws IllegalArgumentException if the message is not a well-formed intake batch
     */
    static List<NewEvent> decode(Message message) throws JMSException {
        if (!(message instanceof BytesMessage bytes)) {
            throw new IllegalArgumentException("intake message " + message.getJMSMessageID() + " is a "
                    + message.getClass().getSimpleName() + ": only bytes messages written by an event stream are allowed");
        }
        int count = bytes.readInt();
        if (count < 1 || count > EventStream.MAX_APPEND_EVENTS) {
            throw new IllegalArgumentException("intake message " + message.getJMSMessageID() + " holds " + count
                    + " events: 1 to " + EventStream.MAX_APPEND_EVENTS + " are allowed");
        }
        List<NewEvent> events = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            String type = bytes.readUTF();
            int length = bytes.readInt();
            if (length < 0 || length > NewEvent.MAX_PAYLOAD_BYTES) {
                throw new IllegalArgumentException("intake message " + message.getJMSMessageID() + ": payload length "
                        + length + " is out of range 0 to " + NewEvent.MAX_PAYLOAD_BYTES);
            }
            byte[] payload = new byte[length];
            if (length > 0 && bytes.readBytes(payload) != length) {
                throw new IllegalArgumentException("intake message " + message.getJMSMessageID() + " is cut short");
            }
            events.add(NewEvent.of(type, payload));
        }
        return traced(bytes, events);
    }

    /** {@code events} with the trace contexts of the trailer, or as they are if there is no valid trailer. */
    private static List<NewEvent> traced(BytesMessage bytes, List<NewEvent> events) {
        List<NewEvent> traced = new ArrayList<>(events.size());
        try {
            for (NewEvent event : events) {
                traced.add(event.withTrace(EventTrace.lenient(bytes.readUTF(), bytes.readUTF())));
            }
            return traced;
        } catch (JMSException | RuntimeException noOrMalformedTrailer) {
            return events;
        }
    }

    private static String orEmpty(String header) {
        return header == null ? "" : header;
    }
}
