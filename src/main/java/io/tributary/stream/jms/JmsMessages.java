package io.tributary.stream.jms;

import io.tributary.stream.Message;
import io.tributary.stream.support.DeadLetters;
import jakarta.jms.JMSException;
import jakarta.jms.Session;

import java.util.Collection;
import java.util.Optional;
import java.util.stream.Collectors;

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
     * The message {@code jms} carries, received from {@code destination}; empty when it cannot be read
     * (a refused JMS type or an invalid field), see {@link #deadLetter}.
     */
    public static Optional<Message> read(jakarta.jms.Message jms, String destination) throws JMSException {
        try {
            return Optional.of(MessageCodec.read(jms, destination));
        } catch (MessageCodec.Unreadable e) {
            return Optional.empty();
        }
    }

    /**
     * The dead letter for a message {@link #read} refused: its valid headers, its raw body (never
     * deserialized), and the reason and origin tags of {@link DeadLetters}.
     */
    public static jakarta.jms.Message deadLetter(Session session, jakarta.jms.Message jms, String destination)
            throws JMSException {
        String reason = "JMS " + MessageCodec.typeName(jms) + " " + jms.getJMSMessageID() + " cannot be read as a"
                + " message: only BytesMessage and TextMessage with valid fields are (bodies are never deserialized)";
        Message letter = DeadLetters.letter(MessageCodec.salvage(jms, destination), destination, reason);
        return MessageCodec.write(session, letter, letter.id() + "#dead-" + letter.deliveryAttempt(), null);
    }

    /** A JMS selector matching the messages with these ids. */
    public static String idSelector(Collection<String> ids) {
        return ids.stream().map(id -> "'" + id.replace("'", "''") + "'")
                .collect(Collectors.joining(",", MessageCodec.ID + " IN (", ")"));
    }
}
