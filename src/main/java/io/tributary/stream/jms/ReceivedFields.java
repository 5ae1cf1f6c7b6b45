package io.tributary.stream.jms;

import jakarta.jms.JMSException;
import org.apache.activemq.artemis.jms.client.ActiveMQMessage;

import java.util.Optional;

/**
 * Reads the fields of one received JMS message, which may come from any client (another JMS or an AMQP
 * client), and remembers which field it is reading, so that whatever a read throws becomes a reason
 * naming the message, the field and the type of the value found there ({@link #reason}).
 *
 * <p>Codec properties are typed strictly: {@link #string} accepts a {@code String} only, {@link #integer}
 * an {@code Integer}, {@link #longValue} a {@code Long}; any other type is refused (JMS' conversions, which
 * parse a string as a number or refuse a boolean with a {@code MessageFormatException}, are not used).
 *
 * <p>A message is named by the id its sender gave it ({@link #messageId}), or when it has none (a sender
 * that disabled message ids) by the id the broker gave it ({@link #name}). Not thread-safe: one message,
 * one thread.
 */
final class ReceivedFields {

    /** Where Artemis keeps the AMQP message id of a message an AMQP client sent, for a core consumer. */
    static final String AMQP_MESSAGE_ID = "NATIVE_MESSAGE_ID";
    /** The field name used while a body is read. */
    static final String BODY = "body";
    private static final int MAX_VALUE_CHARS = 40;

    private final jakarta.jms.Message jms;
    private String field = "headers";

    ReceivedFields(jakarta.jms.Message jms) {
        this.jms = jms;
    }

    /** The received message. */
    jakarta.jms.Message message() {
        return jms;
    }

    /** Marks {@code name} as the field being read now. */
    void reading(String name) {
        this.field = name;
    }

    /** The {@code String} property {@code name}, or {@code null} when it is absent. */
    String string(String name) throws JMSException {
        return typed(name, String.class);
    }

    /** The {@code Integer} property {@code name}, or {@code null} when it is absent. */
    Integer integer(String name) throws JMSException {
        return typed(name, Integer.class);
    }

    /** The {@code Long} property {@code name}, or {@code null} when it is absent. */
    Long longValue(String name) throws JMSException {
        return typed(name, Long.class);
    }

    /** Any property {@code name} (marked as being read), or {@code null} when it is absent. */
    Object any(String name) throws JMSException {
        reading(name);
        return jms.getObjectProperty(name);
    }

    private <T> T typed(String name, Class<T> type) throws JMSException {
        Object value = any(name);
        if (value == null || type.isInstance(value)) {
            return type.cast(value);
        }
        throw new IllegalArgumentException(article(type.getSimpleName()) + " is expected");
    }

    /**
     * Why the message cannot be read: its name, the field being read when {@code failure} was thrown,
     * the type of that field's value, and the failure. Never throws.
     */
    String reason(Throwable failure) {
        return MessageCodec.typeName(jms) + " " + name(jms) + " cannot be decoded: field " + field + " holds "
                + valueOf(field) + ": " + describe(failure);
    }

    /**
     * The id its sender gave {@code jms}, the same on every delivery: for a message sent over AMQP the AMQP
     * message id (Artemis keeps it in {@value #AMQP_MESSAGE_ID}; the {@code JMSMessageID} a core consumer
     * sees is made up anew on each delivery), else the {@code JMSMessageID}; {@code null} when the sender
     * disabled message ids.
     *
     * @throws JMSException if the provider cannot read it
     */
    static String messageId(jakarta.jms.Message jms) throws JMSException {
        Object amqp = jms.getObjectProperty(AMQP_MESSAGE_ID);
        return amqp != null ? String.valueOf(amqp) : jms.getJMSMessageID();
    }

    /**
     * The name of {@code jms} for reasons and logs: its {@link #messageId}, else "without JMSMessageID,
     * broker id N". Never throws.
     */
    static String name(jakarta.jms.Message jms) {
        return senderId(jms).orElseGet(() -> "without JMSMessageID" + brokerId(jms).map(b -> ", broker id " + b)
                .orElse(""));
    }

    /**
     * What identifies {@code jms} on every delivery: its {@link #messageId}, else {@code broker-<the broker's
     * id>}, else {@code null}. Never throws.
     */
    static String stableId(jakarta.jms.Message jms) {
        return senderId(jms).or(() -> brokerId(jms).map(b -> "broker-" + b)).orElse(null);
    }

    /** The {@link #messageId}, empty when there is none or it cannot be read. */
    private static Optional<String> senderId(jakarta.jms.Message jms) {
        try {
            return Optional.ofNullable(messageId(jms));
        } catch (JMSException | RuntimeException unreadable) {
            return Optional.empty();
        }
    }

    /** The id the broker gave {@code jms} (stable across redeliveries), when it is an Artemis message. */
    static Optional<Long> brokerId(jakarta.jms.Message jms) {
        return jms instanceof ActiveMQMessage artemis
                ? Optional.of(artemis.getCoreMessage().getMessageID()) : Optional.empty();
    }

    private String valueOf(String name) {
        if (BODY.equals(name)) {
            return article(MessageCodec.typeName(jms)) + " body";
        }
        try {
            Object v = jms.getObjectProperty(name);
            if (v == null) {
                return "no value";
            }
            String text = String.valueOf(v).replaceAll("\\p{Cntrl}", "?");
            return article(v.getClass().getSimpleName()) + " ("
                    + (text.length() > MAX_VALUE_CHARS ? text.substring(0, MAX_VALUE_CHARS) + "..." : text) + ")";
        } catch (Throwable unreadable) {
            return "an unreadable value (" + unreadable.getClass().getSimpleName() + ")";
        }
    }

    /** {@code noun} with its indefinite article: "an Integer", "a Long". */
    private static String article(String noun) {
        return ("AEIOU".indexOf(noun.charAt(0)) >= 0 ? "an " : "a ") + noun;
    }

    private static String describe(Throwable failure) {
        String message = failure.getMessage();
        return failure instanceof IllegalArgumentException && message != null ? message
                : failure.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }
}
