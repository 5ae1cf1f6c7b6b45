package io.tributary.stream.jms;

import io.tributary.stream.Message;
import jakarta.jms.JMSException;
import jakarta.jms.Queue;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Decodes the header fields of a received message (see {@link MessageCodec} for the format) into a
 * {@link Message.Builder}, one field at a time through {@link ReceivedFields}, so that a failure names the
 * field: {@link #read} strictly (the first invalid field throws), {@link #salvage} leniently (an invalid
 * field is left out). Stateless.
 */
final class HeaderFields {

    private static final Pattern TAG_NAME = Pattern.compile(Message.TAG_NAME_PATTERN);
    /** The header fields, in the order they are decoded (then the tags). */
    private static final List<Field> FIELDS = List.of(HeaderFields::id, HeaderFields::key, HeaderFields::topic,
            HeaderFields::attempt, HeaderFields::timestamp, HeaderFields::priority, HeaderFields::timeToLive);

    private HeaderFields() {
    }

    /**
     * Decodes every header field and tag into {@code b}; throws at the first that is not valid, except for
     * a trace-context tag ({@link Message#TRACEPARENT_TAG}, {@link Message#TRACESTATE_TAG}), which is left
     * out when it is not valid: a foreign tracer's malformed context never refuses a message.
     */
    static void read(ReceivedFields fields, Message.Builder b) throws JMSException {
        for (Field field : FIELDS) {
            field.read(fields, b);
        }
        for (String tag : tagNames(fields.message())) {
            if (isTraceContext(tag)) {
                leniently(() -> tag(fields, b, tag));
            } else {
                tag(fields, b, tag);
            }
        }
    }

    /**
     * Decodes every header field and tag that is valid into {@code b}, leaving out the others; only virtual
     * machine errors other than {@link InternalError} pass.
     */
    static void salvage(ReceivedFields fields, Message.Builder b) {
        for (Field field : FIELDS) {
            leniently(() -> field.read(fields, b));
        }
        leniently(() -> tagNames(fields.message()).forEach(tag -> leniently(() -> tag(fields, b, tag))));
    }

    /** One header field: reads it from the received message into the builder, or throws naming what is wrong. */
    @FunctionalInterface
    private interface Field {
        void read(ReceivedFields fields, Message.Builder b) throws JMSException;
    }

    /** A step of a salvage that may fail. */
    @FunctionalInterface
    interface Step {
        void run() throws JMSException;
    }

    /** Runs {@code step}, ignoring what it throws, but virtual machine errors other than {@link InternalError}. */
    static void leniently(Step step) {
        try {
            step.run();
        } catch (Throwable t) {
            if (t instanceof Error e && !MessageCodec.isMessageFault(e)) {
                throw e;
            }
        }
    }

    /**
     * {@value MessageCodec#ID}, else the duplicate-detection id when it is a text that is a valid id (a first
     * send carries its id only there), else the id the sender gave it (a message from a plain JMS or an AMQP
     * producer, see {@link ReceivedFields#messageId}). A duplicate-detection id another client set that is not
     * a valid id (bytes, too long) is passed over, never a reason to refuse the message.
     */
    private static void id(ReceivedFields f, Message.Builder b) throws JMSException {
        String id = f.string(MessageCodec.ID);
        if (id != null) {
            b.id(id);
            return;
        }
        f.reading(MessageCodec.DUPLICATE_ID);
        Object duplicateId = f.message().getObjectProperty(MessageCodec.DUPLICATE_ID);
        if (duplicateId instanceof String text && validId(b, text)) {
            return;
        }
        f.reading("JMSMessageID");
        id = ReceivedFields.messageId(f.message());
        if (id == null) {
            throw new IllegalArgumentException("a message needs a " + MessageCodec.ID + ", a duplicate-detection id ("
                    + MessageCodec.DUPLICATE_ID + ") or a JMSMessageID (the sender disabled message ids)");
        }
        b.id(id);
    }

    /** Sets {@code id} on {@code b} if it is a valid id; whether it was. */
    private static boolean validId(Message.Builder b, String id) {
        try {
            b.id(id);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /**
     * {@value MessageCodec#KEY} (a string), else the {@code JMSXGroupID} (Artemis' {@code _AMQ_GROUP_ID}) as the text the
     * broker groups by, whatever type its sender gave it.
     */
    private static void key(ReceivedFields f, Message.Builder b) throws JMSException {
        String key = f.string(MessageCodec.KEY);
        b.key(key != null ? key : f.string(MessageCodec.GROUP_ID));
    }

    /** {@value MessageCodec#TOPIC}, else the queue it was received from. */
    private static void topic(ReceivedFields f, Message.Builder b) throws JMSException {
        String topic = f.string(MessageCodec.TOPIC);
        if (topic == null) {
            f.reading("JMSDestination");
            topic = f.message().getJMSDestination() instanceof Queue q ? q.getQueueName() : null;
        }
        b.producerTopic(topic);
    }

    /** {@value MessageCodec#ATTEMPT} (absent: 1) plus the broker's redeliveries ({@code JMSXDeliveryCount - 1}). */
    private static void attempt(ReceivedFields f, Message.Builder b) throws JMSException {
        Integer recorded = f.integer(MessageCodec.ATTEMPT);
        f.reading(MessageCodec.DELIVERY_COUNT);
        jakarta.jms.Message jms = f.message();
        int redeliveries = jms.propertyExists(MessageCodec.DELIVERY_COUNT)
                ? Math.max(0, jms.getIntProperty(MessageCodec.DELIVERY_COUNT) - 1) : 0;
        f.reading(MessageCodec.ATTEMPT);
        b.deliveryAttempt(Math.addExact(recorded == null ? 1 : recorded, redeliveries));
    }

    /**
     * {@value MessageCodec#TIMESTAMP_NANOS} (epoch nanoseconds), else {@value MessageCodec#TIMESTAMP} (ISO-8601 text, as written by
     * earlier versions and for instants outside the nanosecond range), else the JMS timestamp.
     */
    private static void timestamp(ReceivedFields f, Message.Builder b) throws JMSException {
        Long nanos = f.longValue(MessageCodec.TIMESTAMP_NANOS);
        if (nanos != null) {
            b.timestamp(Instant.ofEpochSecond(0, nanos));
            return;
        }
        String text = f.string(MessageCodec.TIMESTAMP);
        if (text != null) {
            b.timestamp(parseInstant(text));
            return;
        }
        f.reading("JMSTimestamp");
        long jmsTimestamp = f.message().getJMSTimestamp();
        b.timestamp(jmsTimestamp > 0 ? Instant.ofEpochMilli(jmsTimestamp) : Instant.now());
    }

    private static Instant parseInstant(String text) {
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("an ISO-8601 instant is expected", e);
        }
    }

    private static void priority(ReceivedFields f, Message.Builder b) throws JMSException {
        f.reading("JMSPriority");
        b.priority(f.message().getJMSPriority());
    }

    /** {@value MessageCodec#TIME_TO_LIVE} (milliseconds), else what the JMS expiration and timestamp imply. */
    private static void timeToLive(ReceivedFields f, Message.Builder b) throws JMSException {
        Long millis = f.longValue(MessageCodec.TIME_TO_LIVE);
        if (millis == null) {
            f.reading("JMSExpiration");
            jakarta.jms.Message jms = f.message();
            long expiration = jms.getJMSExpiration();
            long sent = jms.getJMSTimestamp();
            millis = expiration > 0 && sent > 0 ? expiration - sent : 0;
        }
        b.timeToLive(Duration.ofMillis(millis));
    }

    /** The names of the properties that are tags: every other property with a tag-like name. */
    private static List<String> tagNames(jakarta.jms.Message jms) throws JMSException {
        List<String> tags = new ArrayList<>();
        Enumeration<?> names = jms.getPropertyNames();
        while (names.hasMoreElements()) {
            String name = String.valueOf(names.nextElement());
            if (isTag(name)) {
                tags.add(name);
            }
        }
        return tags;
    }

    /** The tag {@code name}, as text. */
    private static void tag(ReceivedFields f, Message.Builder b, String name) throws JMSException {
        b.tag(name, String.valueOf(f.any(name)));
    }

    private static boolean isTraceContext(String name) {
        return name.equals(Message.TRACEPARENT_TAG) || name.equals(Message.TRACESTATE_TAG);
    }

    private static boolean isTag(String name) {
        return !name.startsWith("tributary_") && !name.startsWith("JMS") && !name.startsWith("_AMQ")
                && !name.startsWith("__AMQ") && !name.equals(ReceivedFields.AMQP_MESSAGE_ID)
                && TAG_NAME.matcher(name).matches();
    }
}
