package io.tributary.stream.jms;

import io.tributary.stream.Message;
import io.tributary.stream.support.DeadLetters;
import jakarta.jms.JMSException;
import jakarta.jms.Session;

import java.util.Collection;

/**
 * The message translation of this package for other JMS-based packages (the JMS broker and the JMS
 * fan-in source), so that every JMS component writes and reads messages one way (see the codec rules in
 * {@link JmsStreams}: a {@code BytesMessage} with the fields as properties, never a deserialized body).
 *
 * <p>Thread safety: stateless; the sessions passed in follow JMS' one-thread rule.
 */
public final class JmsMessages {

    private JmsMessages() {
    }

    /** The JMS message for {@code message}; its id is also its duplicate-detection id. */
    public static jakarta.jms.Message write(Session session, Message message) throws JMSException {
        return MessageCodec.write(session, message, message.id(), null);
    }

    /**
     * A received JMS message, decoded: the {@link #message()} it carries, or the {@link #refusal()} saying
     * why it cannot be read (naming the message, the field and the type of its value).
     *
     * @param message the message, or {@code null} when refused
     * @param refusal the reason, or {@code null} when read
     */
    public record Decoded(Message message, String refusal) {

        /** Whether the message could be read. */
        public boolean readable() {
            return message != null;
        }
    }

    /**
     * The message {@code jms} carries, received from {@code destination}, or why it cannot be read (see
     * {@link #deadLetter}). This is the decoding boundary of every JMS consumer: whatever decoding throws
     * becomes a refusal.
     *
     * @throws JMSException only if the session or consumer was closed meanwhile (not the message's fault)
     */
    public static Decoded decode(jakarta.jms.Message jms, String destination) throws JMSException {
        try {
            return new Decoded(MessageCodec.read(jms, destination), null);
        } catch (MessageCodec.Unreadable e) {
            return new Decoded(null, e.getMessage());
        }
    }

    /**
     * The dead letter for a message {@link #decode} refused: its valid headers, its raw body (never
     * deserialized), and the {@code reason} and origin tags of {@link DeadLetters}. Its duplicate-detection
     * id is derived from the id its sender gave it (or else the broker's id), never from its fields or its
     * delivery count, so a dead letter sent again for the same message (a redelivery, a second cursor) is
     * kept once, within the broker's duplicate-id cache.
     */
    public static jakarta.jms.Message deadLetter(Session session, jakarta.jms.Message jms, String destination,
            String reason) throws JMSException {
        Message letter = DeadLetters.letter(MessageCodec.salvage(jms, destination), destination, reason);
        String stable = ReceivedFields.stableId(jms);
        return MessageCodec.write(session, letter, "dead:" + destination + ":" + (stable != null ? stable : letter.id()),
                null);
    }

    /**
     * Why a received message cannot be decoded, for decoders outside this package: its name, the
     * {@code field} being read when {@code failure} was thrown, that field's value type, and the failure.
     * Never throws.
     */
    public static String refusal(jakarta.jms.Message jms, String field, Throwable failure) {
        ReceivedFields fields = new ReceivedFields(jms);
        fields.reading(field);
        return fields.reason(failure);
    }

    /**
     * Whether {@code failure}, thrown while decoding a received message, is the message's fault (then the
     * message is dead-lettered) rather than the session's or the virtual machine's (then the decoder fails).
     */
    public static boolean isMessageFault(Throwable failure) {
        return MessageCodec.isMessageFault(failure);
    }

    /** The name of a received message for logs: its {@code JMSMessageID}, else the broker's id. Never throws. */
    public static String name(jakarta.jms.Message jms) {
        return ReceivedFields.name(jms);
    }

    /** A JMS selector matching the messages with these ids (see {@link MessageCodec#idSelector}). */
    public static String idSelector(Collection<String> ids) {
        return MessageCodec.idSelector(ids);
    }
}
