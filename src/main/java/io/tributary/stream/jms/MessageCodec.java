package io.tributary.stream.jms;

import io.tributary.stream.Message;
import jakarta.jms.BytesMessage;
import jakarta.jms.JMSException;
import jakarta.jms.MapMessage;
import jakarta.jms.ObjectMessage;
import jakarta.jms.Session;
import jakarta.jms.StreamMessage;
import jakarta.jms.TextMessage;
import org.apache.activemq.artemis.api.core.ActiveMQBuffer;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.jms.client.ActiveMQMessage;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Collection;
import java.util.stream.Collectors;

/**
 * Translates between {@link Message} and JMS messages.
 *
 * <p>A message travels as a {@code BytesMessage} whose body is the value. Its fields are properties:
 * the id once, as the duplicate-detection id {@code _AMQ_DUPL_ID} when that is the id (a first send), else in
 * {@value #ID} (a copy whose duplicate-detection id differs, such as a retry, a dead letter or a redrive, or
 * an entry without one, such as a store's), {@value #KEY} (the key, also copied to {@code JMSXGroupID}),
 * {@value #ATTEMPT} (the attempt it is sent for; absent means 1), {@value #TIMESTAMP_NANOS} (epoch
 * nanoseconds, a long; exact), {@value #TOPIC} (the stream it was produced to; absent when that is the queue
 * it was sent to), {@value #TIME_TO_LIVE} (the time to live in ms, when there is one), and one string
 * property per tag. A delivery delay becomes Artemis' scheduled
 * delivery time (now + delay). Priority and expiry are JMS headers that the JMS provider sets at send:
 * every sender passes {@link Message#priority()} and {@link #timeToLive(Message)} to
 * {@code MessageProducer.send}. Every property costs the broker (it decodes them to find the duplicate
 * id and journals them), so a field the reader recovers anyway is left out. Earlier versions wrote
 * {@value #ATTEMPT} and {@value #TOPIC} always, the timestamp as ISO-8601 text in {@value #TIMESTAMP}, and
 * the id in {@value #ID} beside an equal duplicate-detection id; such messages read the same.
 *
 * <p><b>Reading the id back</b> ({@link HeaderFields}): {@value #ID} when present, else the duplicate-detection
 * id when it is a text that is a valid id, else the id the sender gave the message ({@code JMSMessageID} or
 * AMQP message id, see {@link ReceivedFields#messageId}). {@link #idSelector} selects by the same rule.
 *
 * <p>Reading accepts a {@code BytesMessage}, a {@code TextMessage} (its UTF-8 bytes) or a body-less
 * message, also from plain JMS and AMQP producers (then the id is the id the sender gave it, see
 * {@link ReceivedFields#messageId}, the key the text of the {@code JMSXGroupID}, and every other property
 * with a tag-like name a tag, as text). Codec properties must have the type this class writes (strings, an
 * int attempt, long nanoseconds and time to live); unknown {@code tributary_*} properties are ignored. Any
 * other body type is refused with {@link Unreadable} before its body is touched: an {@code ObjectMessage}
 * is never deserialized. The header fields are decoded by {@link HeaderFields}; a trace-context property
 * that is not a valid tag value is dropped, never a reason to refuse the message.
 *
 * <p><b>Untrusted bodies.</b> The length a {@code BytesMessage} declares ({@code getBodyLength()}; for an
 * Artemis large message the {@code _AMQ_LARGE_SIZE} header) is checked against the limit before anything
 * is allocated, and the bytes actually read must match it exactly, or the message is {@link Unreadable}.
 * A {@code TextMessage} is UTF-16 in JMS: text that cannot be encoded as UTF-8 (an unpaired surrogate)
 * is {@link Unreadable} rather than silently altered. There is no content-type or charset property:
 * bytes are never decoded on reading, so invalid UTF-8 in a {@code BytesMessage} is delivered as the
 * bytes it is ({@link Message#isText()} says false). {@link #salvage} reads at most
 * {@value #MAX_BODY_BYTES} bytes, whatever the declared length.
 */
final class MessageCodec {

    static final String ID = "tributary_id";
    static final String KEY = "tributary_key";
    static final String ATTEMPT = "tributary_attempt";
    static final String TIMESTAMP = "tributary_timestamp";
    static final String TIMESTAMP_NANOS = "tributary_ts";
    static final String TOPIC = "tributary_topic";
    static final String TIME_TO_LIVE = "tributary_ttl_ms";
    static final String GROUP_ID = "JMSXGroupID";
    static final String DELIVERY_COUNT = "JMSXDeliveryCount";
    static final String DUPLICATE_ID = org.apache.activemq.artemis.api.core.Message.HDR_DUPLICATE_DETECTION_ID.toString();
    static final String SCHEDULED_DELIVERY = org.apache.activemq.artemis.api.core.Message.HDR_SCHEDULED_DELIVERY_TIME.toString();

    /** The most bytes of a body ever read: Tributary's hard maximum message size (100 MiB). */
    static final int MAX_BODY_BYTES = 100 << 20;
    private static final int CHUNK_BYTES = 64 * 1024;

    private static final SimpleString ID_NAME = SimpleString.of(ID);
    private static final SimpleString KEY_NAME = SimpleString.of(KEY);
    private static final SimpleString ATTEMPT_NAME = SimpleString.of(ATTEMPT);
    private static final SimpleString TIMESTAMP_NAME = SimpleString.of(TIMESTAMP);
    private static final SimpleString TIMESTAMP_NANOS_NAME = SimpleString.of(TIMESTAMP_NANOS);
    private static final SimpleString TOPIC_NAME = SimpleString.of(TOPIC);
    private static final SimpleString DUPLICATE_ID_NAME = SimpleString.of(DUPLICATE_ID);
    private static final SimpleString TIME_TO_LIVE_NAME = SimpleString.of(TIME_TO_LIVE);
    private static final SimpleString SCHEDULED_DELIVERY_NAME = SimpleString.of(SCHEDULED_DELIVERY);
    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private MessageCodec() {
    }

    /** A message refused by {@link #read}: {@link #getMessage()} is the reason, naming the JMS type. */
    static final class Unreadable extends Exception {
        private static final long serialVersionUID = 1L;

        Unreadable(String reason) {
            super(reason);
        }
    }

    /**
     * The JMS message for {@code message}, tagged with {@code duplicateId} for duplicate detection (none
     * when it is {@code null}); its id travels as that duplicate-detection id when they are equal, else in
     * {@value #ID}.
     *
     * <p>Fields that a reader recovers anyway are left out, so a message costs the broker as few
     * properties as possible: the attempt when it is 1, and the producer topic when it is
     * {@code destination}.
     *
     * @param destination the plain queue the message is sent to (a reader gets its name back as the JMS
     *                    destination), or {@code null} for anything else (a topic, a fully qualified
     *                    queue, a destination the caller does not know): then the topic is always written
     */
    static BytesMessage write(Session session, Message message, String duplicateId, String destination)
            throws JMSException {
        BytesMessage jms = session.createBytesMessage();
        MessageWriter props = MessageWriter.of(jms);
        props.body(message.valueBuffer());
        if (duplicateId != null) {
            props.put(DUPLICATE_ID_NAME, duplicateId);
        }
        if (!message.id().equals(duplicateId)) {
            props.put(ID_NAME, message.id());
        }
        if (message.deliveryAttempt() != 1) {
            props.put(ATTEMPT_NAME, message.deliveryAttempt());
        }
        writeTimestamp(props, message.timestamp());
        if (message.key() != null) {
            props.put(KEY_NAME, message.key());
            jms.setStringProperty(GROUP_ID, message.key());
        }
        if (message.producerTopic() != null && !message.producerTopic().equals(destination)) {
            props.put(TOPIC_NAME, message.producerTopic());
        }
        if (!message.timeToLive().isZero()) {
            props.put(TIME_TO_LIVE_NAME, message.timeToLive().toMillis());
        }
        if (!message.deliveryDelay().isZero()) {
            props.put(SCHEDULED_DELIVERY_NAME, System.currentTimeMillis() + message.deliveryDelay().toMillis());
        }
        for (String tag : message.tags().keySet()) {
            props.put(tag, message.tag(tag));
        }
        return jms;
    }

    /**
     * A JMS selector matching the messages whose id (read back as {@link #read} does, without the sender's
     * JMS id) is one of {@code ids}: {@value #ID} in them, or no {@value #ID} and the duplicate-detection id in
     * them. Quotes in ids are escaped.
     *
     * @param ids at least one id
     */
    static String idSelector(Collection<String> ids) {
        String in = selectorList(ids);
        return "(" + ID + " IN " + in + " OR (" + ID + " IS NULL AND " + DUPLICATE_ID + " IN " + in + "))";
    }

    /** {@code ids} as a selector's list of string literals, {@code ('a','b')}, quotes escaped. */
    static String selectorList(Collection<String> ids) {
        return ids.stream().map(id -> "'" + id.replace("'", "''") + "'").collect(Collectors.joining(",", "(", ")"));
    }

    /**
     * The message {@code jms} carries, as received from {@code stream}; its attempt is the one recorded
     * when it was sent plus the broker's redeliveries of it.
     *
     * @throws Unreadable if it is of a refused JMS type or a field is not valid
     */
    static Message read(jakarta.jms.Message jms, String stream) throws JMSException, Unreadable {
        return read(jms, stream, MAX_BODY_BYTES);
    }

    /**
     * As {@link #read(jakarta.jms.Message, String)}, refusing a body over {@code maxBytes} bytes before
     * reading it.
     *
     * <p>This is the decoding boundary of every JMS consumer path: whatever decoding throws (a missing id,
     * a property of the wrong type, a body that lies about its length, an {@link Error} of the provider's
     * decoder) becomes {@link Unreadable}, whose reason names the message, the field and the type of the
     * value found there ({@link ReceivedFields#reason}). Only failures that are not the message's fault
     * pass through ({@link #isMessageFault}): a closed session or consumer, and virtual machine errors
     * other than {@link InternalError}.
     *
     * @throws JMSException if the session or consumer was closed while reading
     */
    static Message read(jakarta.jms.Message jms, String stream, int maxBytes) throws JMSException, Unreadable {
        ReceivedFields fields = new ReceivedFields(jms);
        try {
            refuseType(jms);
            Message.Builder b = Message.builder().consumerTopic(stream);
            HeaderFields.read(fields, b);
            fields.reading(ReceivedFields.BODY);
            return b.value(value(jms, maxBytes)).build();
        } catch (Unreadable e) {
            throw e;
        } catch (Throwable t) {
            if (!isMessageFault(t)) {
                throw t;
            }
            throw new Unreadable(fields.reason(t));
        }
    }

    /**
     * Whether {@code failure}, thrown while decoding a received message, is the message's fault: anything
     * but a closed session or consumer ({@code jakarta.jms.IllegalStateException}) and virtual machine
     * errors other than {@link InternalError} (which a JMS provider throws for invalid modified UTF-8).
     */
    static boolean isMessageFault(Throwable failure) {
        return !(failure instanceof jakarta.jms.IllegalStateException)
                && (!(failure instanceof VirtualMachineError) || failure instanceof InternalError);
    }

    /**
     * The best representation of a message {@link #read} refused, for a dead letter: every header
     * that is valid, and the body as the raw bytes the broker holds (never deserialized). Its id is the
     * valid {@value #ID} or {@code JMSMessageID}, else {@code broker-<the broker's id>}. A field that
     * cannot be read is left out; only virtual machine errors other than {@link InternalError} pass.
     */
    static Message salvage(jakarta.jms.Message jms, String stream) {
        ReceivedFields fields = new ReceivedFields(jms);
        Message.Builder b = Message.builder().consumerTopic(stream);
        ReceivedFields.brokerId(jms).ifPresent(id -> b.id("broker-" + id));
        HeaderFields.salvage(fields, b);
        HeaderFields.leniently(() -> b.value(rawBody(jms)));
        return b.build();
    }

    /**
     * The JMS time to live to send {@code message} with: 0 when it never expires, else the milliseconds
     * left until its {@link Message#expiration()}, at least 1 (an already expired message expires at once).
     */
    static long timeToLive(Message message) {
        Instant expiration = message.expiration();
        return expiration == null ? 0 : Math.max(1, expiration.toEpochMilli() - System.currentTimeMillis());
    }

    /** The simple JMS type name of {@code jms}, for reasons and logs. */
    static String typeName(jakarta.jms.Message jms) {
        if (jms instanceof ObjectMessage) {
            return "ObjectMessage";
        }
        if (jms instanceof MapMessage) {
            return "MapMessage";
        }
        if (jms instanceof StreamMessage) {
            return "StreamMessage";
        }
        if (jms instanceof BytesMessage) {
            return "BytesMessage";
        }
        return jms instanceof TextMessage ? "TextMessage" : "Message";
    }

    private static void refuseType(jakarta.jms.Message jms) throws Unreadable {
        if (jms instanceof ObjectMessage || jms instanceof MapMessage || jms instanceof StreamMessage) {
            throw new Unreadable("JMS " + typeName(jms) + " " + ReceivedFields.name(jms) + " is not accepted: only"
                    + " BytesMessage and TextMessage are (Tributary never deserializes message bodies); the body is"
                    + " kept as the broker's raw bytes");
        }
    }

    /** The timestamp as epoch nanoseconds (a long), or as ISO-8601 text when it is outside 1677-2262. */
    private static void writeTimestamp(MessageWriter props, Instant t) throws JMSException {
        long nanos;
        try {
            nanos = Math.addExact(Math.multiplyExact(t.getEpochSecond(), NANOS_PER_SECOND), t.getNano());
        } catch (ArithmeticException e) {
            props.put(TIMESTAMP_NAME, t.toString());
            return;
        }
        props.put(TIMESTAMP_NANOS_NAME, nanos);
    }

    private static byte[] value(jakarta.jms.Message jms, int maxBytes) throws JMSException {
        if (jms instanceof BytesMessage bytes) {
            long declared = bytes.getBodyLength();
            if (declared < 0 || declared > maxBytes) {
                throw new IllegalArgumentException("body declares " + declared + " bytes: the limit is " + maxBytes
                        + " bytes (tributary.message.max-bytes)");
            }
            bytes.reset();
            byte[] value = new byte[(int) declared];
            int read = declared == 0 ? 0 : Math.max(0, bytes.readBytes(value));
            if (read != declared || bytes.readBytes(new byte[1]) > 0) {
                throw new IllegalArgumentException("body declares " + declared + " bytes but "
                        + (read != declared ? "carries " + read : "carries more"));
            }
            return value;
        }
        if (jms instanceof TextMessage text) {
            String t = text.getText();
            if (t == null) {
                return new byte[0];
            }
            if (t.length() > maxBytes) {
                throw new IllegalArgumentException("text of " + t.length() + " characters is over the limit of "
                        + maxBytes + " bytes (tributary.message.max-bytes)");
            }
            byte[] utf8 = utf8(t);
            if (utf8.length > maxBytes) {
                throw new IllegalArgumentException("text of " + utf8.length + " UTF-8 bytes is over the limit of "
                        + maxBytes + " bytes (tributary.message.max-bytes)");
            }
            return utf8;
        }
        return new byte[0];
    }

    /** {@code text} as UTF-8; refuses text that is not valid UTF-16 (an unpaired surrogate) instead of altering it. */
    private static byte[] utf8(String text) {
        try {
            ByteBuffer encoded = StandardCharsets.UTF_8.newEncoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .encode(CharBuffer.wrap(text));
            byte[] bytes = new byte[encoded.remaining()];
            encoded.get(bytes);
            return bytes;
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("text is not valid Unicode (" + e + "): an unpaired surrogate"
                    + " cannot be encoded as UTF-8; only well-formed text is accepted");
        }
    }

    /** At most {@value #MAX_BODY_BYTES} bytes of the body, read in chunks: the declared length is not trusted. */
    private static byte[] boundedBytes(BytesMessage bytes) throws JMSException {
        bytes.reset();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] chunk = new byte[CHUNK_BYTES];
        for (int n = bytes.readBytes(chunk); n > 0 && out.size() < MAX_BODY_BYTES; n = bytes.readBytes(chunk)) {
            out.write(chunk, 0, Math.min(n, MAX_BODY_BYTES - out.size()));
        }
        return out.toByteArray();
    }

    private static byte[] rawBody(jakarta.jms.Message jms) throws JMSException {
        if (jms instanceof BytesMessage bytes) {
            return boundedBytes(bytes);
        }
        if (jms instanceof TextMessage text) {
            String t = text.getText();
            return t == null ? new byte[0] : t.getBytes(StandardCharsets.UTF_8);
        }
        if (jms instanceof ActiveMQMessage artemis) {
            ActiveMQBuffer body = artemis.getCoreMessage().getReadOnlyBodyBuffer();
            byte[] raw = new byte[Math.min(body.readableBytes(), MAX_BODY_BYTES)];
            body.readBytes(raw);
            return raw;
        }
        return new byte[0];
    }
}
