package io.tributary.stream;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * One message of a stream: an immutable value object.
 *
 * <p>A message carries a value (bytes; text travels as its UTF-8 bytes, never as a serialized Java
 * object), an optional key, a timestamp, tags (name to bytes), the topic it was produced to and the
 * topic it was consumed from, an offset where the source has one, the delivery attempt (1 for the
 * first delivery) and an id that stays the same across redeliveries and is used for duplicate
 * detection.
 *
 * <p>Messages are built with {@link #builder()}, which validates every field and names the bad value:
 * keys are 1-255 characters without control characters (messages with one key keep their order, so a
 * key is a routing value, not a payload); tag names match {@value #TAG_NAME_PATTERN} and must not start
 * with a reserved prefix ({@code JMS}, {@code _AMQ}, {@code tributary_}); tag values are UTF-8 text as
 * bytes, so they map onto JMS string properties unchanged.
 *
 * <p><b>Delivery instructions.</b> A message also carries a priority ({@value #MIN_PRIORITY} to
 * {@value #MAX_PRIORITY}, default {@value #DEFAULT_PRIORITY}; JMS priority: among waiting messages the
 * broker may deliver higher ones first, the in-memory streams keep FIFO), a time to live (the message
 * expires that long after its {@link #timestamp()} and is then never delivered, also not as a retry;
 * {@link Duration#ZERO}, the default, means never) and a delivery delay (a producer's send makes it
 * deliverable only that long after the send; it is an instruction to the producer, so received messages
 * report {@link Duration#ZERO}). Both durations are at most {@link #MAX_DURATION}.
 *
 * <p>Thread safety: immutable; {@link #value()} and {@link #tags()} hand out copies or read-only views.
 */
public final class Message {

    /** Tag names allowed: they become JMS property names, which must be Java identifiers. */
    public static final String TAG_NAME_PATTERN = "[A-Za-z_][A-Za-z0-9_]{0,127}";
    /**
     * The tag carrying the W3C {@code traceparent} of the span that sent the message (see
     * {@code io.tributary.tracing.TraceContext}). Transports drop a malformed trace-context tag of a
     * received message instead of refusing the message.
     */
    public static final String TRACEPARENT_TAG = "traceparent";
    /** The tag carrying the W3C {@code tracestate} that goes with {@link #TRACEPARENT_TAG}. */
    public static final String TRACESTATE_TAG = "tracestate";
    /** The longest key accepted, in characters. */
    public static final int MAX_KEY_LENGTH = 255;
    /** The lowest priority. */
    public static final int MIN_PRIORITY = 0;
    /** The highest priority. */
    public static final int MAX_PRIORITY = 9;
    /** The priority of a message built without one (JMS' default). */
    public static final int DEFAULT_PRIORITY = 4;
    /** The longest delivery delay and time to live accepted: 365 days. */
    public static final Duration MAX_DURATION = Duration.ofDays(365);

    private static final Pattern TAG_NAME = Pattern.compile(TAG_NAME_PATTERN);
    /** The value of a builder given none: shared, as no message ever writes into its value. */
    private static final byte[] NO_VALUE = new byte[0];

    private final String id;
    private final byte[] value;
    private final String key;
    private final Instant timestamp;
    private final Map<String, byte[]> tags;
    private final String producerTopic;
    private final String consumerTopic;
    private final long offset;
    private final int deliveryAttempt;
    private final int priority;
    private final Duration timeToLive;
    private final Duration deliveryDelay;

    private Message(Builder b) {
        this.id = b.id != null ? b.id : UUID.randomUUID().toString();
        this.value = b.value;
        this.key = b.key;
        this.timestamp = b.timestamp != null ? b.timestamp : Instant.now();
        this.tags = b.tags == null || b.tags.isEmpty() ? Collections.emptyMap()
                : Collections.unmodifiableMap(new LinkedHashMap<>(b.tags));
        this.producerTopic = b.producerTopic;
        this.consumerTopic = b.consumerTopic;
        this.offset = b.offset;
        this.deliveryAttempt = b.deliveryAttempt;
        this.priority = b.priority;
        this.timeToLive = b.timeToLive;
        this.deliveryDelay = b.deliveryDelay;
    }

    /** A builder for a new message with a fresh id, the current time and attempt 1. */
    public static Builder builder() {
        return new Builder();
    }

    /** A message with the given value and nothing else set. */
    public static Message of(byte[] value) {
        return builder().value(value).build();
    }

    /** A message whose value is the UTF-8 encoding of {@code text}. */
    public static Message ofText(String text) {
        return builder().text(text).build();
    }

    /** A builder pre-filled with every field of this message, to derive a changed copy. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.id = id;
        b.value = value;
        b.key = key;
        b.timestamp = timestamp;
        b.tags = tags.isEmpty() ? null : new LinkedHashMap<>(tags);
        b.producerTopic = producerTopic;
        b.consumerTopic = consumerTopic;
        b.offset = offset;
        b.deliveryAttempt = deliveryAttempt;
        b.priority = priority;
        b.timeToLive = timeToLive;
        b.deliveryDelay = deliveryDelay;
        return b;
    }

    /** The id: unique per produced message, unchanged across redeliveries; the duplicate-detection id. */
    public String id() {
        return id;
    }

    /** A copy of the value. */
    public byte[] value() {
        return value.clone();
    }

    /** The value as a read-only buffer, without copying. */
    public ByteBuffer valueBuffer() {
        return ByteBuffer.wrap(value).asReadOnlyBuffer();
    }

    /** The size of the value in bytes. */
    public int size() {
        return value.length;
    }

    /** The value decoded as UTF-8; malformed bytes are replaced, see {@link #isText()}. */
    public String text() {
        return new String(value, StandardCharsets.UTF_8);
    }

    /** Whether the value is well-formed UTF-8. */
    public boolean isText() {
        return isUtf8(value);
    }

    /** The key, or {@code null} when the message has none. */
    public String key() {
        return key;
    }

    /** When the message was produced. */
    public Instant timestamp() {
        return timestamp;
    }

    /** The tags, read-only. The arrays are the message's own: read them, never modify them. */
    public Map<String, byte[]> tags() {
        return tags;
    }

    /** The tag value as UTF-8 text, or {@code null} when the tag is absent. */
    public String tag(String name) {
        byte[] v = tags.get(name);
        return v == null ? null : new String(v, StandardCharsets.UTF_8);
    }

    /** The stream the message was produced to, or {@code null} before it was sent. */
    public String producerTopic() {
        return producerTopic;
    }

    /** The stream the message was consumed from, or {@code null} if it was not received. */
    public String consumerTopic() {
        return consumerTopic;
    }

    /** The offset in its stream, absent where the source has none (queues). */
    public OptionalLong offset() {
        return offset < 0 ? OptionalLong.empty() : OptionalLong.of(offset);
    }

    /** The delivery attempt: 1 for the first delivery, incremented by every nack and every redelivery. */
    public int deliveryAttempt() {
        return deliveryAttempt;
    }

    /** The priority, {@value #MIN_PRIORITY} to {@value #MAX_PRIORITY}. */
    public int priority() {
        return priority;
    }

    /** How long after its {@link #timestamp()} the message expires; {@link Duration#ZERO} for never. */
    public Duration timeToLive() {
        return timeToLive;
    }

    /** When the message expires, or {@code null} if it never does. */
    public Instant expiration() {
        return timeToLive.isZero() ? null : timestamp.plus(timeToLive);
    }

    /** Whether the message has expired at {@code now}. */
    public boolean isExpired(Instant now) {
        return !timeToLive.isZero() && !now.isBefore(timestamp.plus(timeToLive));
    }

    /** How long after a producer's send the message becomes deliverable; {@link Duration#ZERO} once received. */
    public Duration deliveryDelay() {
        return deliveryDelay;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof Message m)) {
            return false;
        }
        return offset == m.offset && deliveryAttempt == m.deliveryAttempt && priority == m.priority
                && timeToLive.equals(m.timeToLive) && deliveryDelay.equals(m.deliveryDelay) && id.equals(m.id)
                && Arrays.equals(value, m.value) && Objects.equals(key, m.key)
                && timestamp.equals(m.timestamp) && tagsEqual(tags, m.tags)
                && Objects.equals(producerTopic, m.producerTopic) && Objects.equals(consumerTopic, m.consumerTopic);
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, deliveryAttempt, Arrays.hashCode(value));
    }

    @Override
    public String toString() {
        return "Message[id=" + id + ", key=" + key + ", size=" + value.length + ", attempt=" + deliveryAttempt
                + (consumerTopic != null ? ", from=" + consumerTopic : "")
                + (offset >= 0 ? ", offset=" + offset : "") + "]";
    }

    private static boolean tagsEqual(Map<String, byte[]> a, Map<String, byte[]> b) {
        if (!a.keySet().equals(b.keySet())) {
            return false;
        }
        for (Map.Entry<String, byte[]> e : a.entrySet()) {
            if (!Arrays.equals(e.getValue(), b.get(e.getKey()))) {
                return false;
            }
        }
        return true;
    }

    static boolean isUtf8(byte[] bytes) {
        try {
            StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    /** Builds a {@link Message}; every setter validates its argument and names the bad value. */
    public static final class Builder {
        private String id;
        private byte[] value = NO_VALUE;
        private String key;
        private Instant timestamp;
        /** The tags added so far, in order; {@code null} until the first (most messages have none). */
        private Map<String, byte[]> tags;
        private String producerTopic;
        private String consumerTopic;
        private long offset = -1;
        private int deliveryAttempt = 1;
        private int priority = DEFAULT_PRIORITY;
        private Duration timeToLive = Duration.ZERO;
        private Duration deliveryDelay = Duration.ZERO;

        private Builder() {
        }

        /** The id; by default a random UUID. 1-255 characters without control characters. */
        public Builder id(String id) {
            this.id = checkToken("id", id);
            return this;
        }

        /** The value (copied). */
        public Builder value(byte[] value) {
            this.value = Objects.requireNonNull(value, "value must not be null (use an empty array)").clone();
            return this;
        }

        /** The value as the UTF-8 bytes of {@code text}. */
        public Builder text(String text) {
            Objects.requireNonNull(text, "text must not be null");
            this.value = text.getBytes(StandardCharsets.UTF_8);
            return this;
        }

        /** The key, or {@code null} for none. 1-255 characters without control characters. */
        public Builder key(String key) {
            this.key = key == null ? null : checkToken("key", key);
            return this;
        }

        /** The timestamp; by default the time {@link #build()} is called. */
        public Builder timestamp(Instant timestamp) {
            this.timestamp = Objects.requireNonNull(timestamp, "timestamp must not be null");
            return this;
        }

        /** Adds a tag whose value is UTF-8 text given as bytes. */
        public Builder tag(String name, byte[] value) {
            checkTagName(name);
            Objects.requireNonNull(value, () -> "tag '" + name + "' has a null value");
            for (byte b : value) {
                if ((b >= 0 && b < 0x20 && b != '\t') || b == 0x7f) {
                    throw new IllegalArgumentException("tag '" + name + "' contains a control character (CR, LF or"
                            + " another): tag values are single-line text, they travel as headers");
                }
            }
            if (!isUtf8(value)) {
                throw new IllegalArgumentException("tag '" + name + "' is not well-formed UTF-8: tag values are text"
                        + " (they travel as JMS string properties)");
            }
            if (tags == null) {
                tags = new LinkedHashMap<>();
            }
            tags.put(name, value.clone());
            return this;
        }

        /** Adds a tag whose value is {@code text}. */
        public Builder tag(String name, String text) {
            Objects.requireNonNull(text, () -> "tag '" + name + "' has a null value");
            return tag(name, text.getBytes(StandardCharsets.UTF_8));
        }

        /** Removes every tag. */
        public Builder clearTags() {
            tags = null;
            return this;
        }

        /** Removes the tag {@code name}, if there is one. */
        public Builder removeTag(String name) {
            if (tags != null) {
                tags.remove(name);
            }
            return this;
        }

        /** The stream the message is produced to; set by producers. */
        public Builder producerTopic(String topic) {
            this.producerTopic = topic;
            return this;
        }

        /** The stream the message was received from; set by consumers. */
        public Builder consumerTopic(String topic) {
            this.consumerTopic = topic;
            return this;
        }

        /** The offset, or -1 for none. */
        public Builder offset(long offset) {
            if (offset < -1) {
                throw new IllegalArgumentException("offset " + offset + " is not allowed: use -1 (none) or 0 and above");
            }
            this.offset = offset;
            return this;
        }

        /** The delivery attempt, 1 or more. */
        public Builder deliveryAttempt(int attempt) {
            if (attempt < 1) {
                throw new IllegalArgumentException("delivery attempt " + attempt + " is not allowed: it starts at 1");
            }
            this.deliveryAttempt = attempt;
            return this;
        }

        /** The priority, {@value #MIN_PRIORITY} (lowest) to {@value #MAX_PRIORITY}; default {@value #DEFAULT_PRIORITY}. */
        public Builder priority(int priority) {
            if (priority < MIN_PRIORITY || priority > MAX_PRIORITY) {
                throw new IllegalArgumentException("priority " + priority + " is out of range: use " + MIN_PRIORITY
                        + " (lowest) to " + MAX_PRIORITY + " (highest)");
            }
            this.priority = priority;
            return this;
        }

        /** The time to live after the timestamp, zero (never expires, the default) up to {@link #MAX_DURATION}. */
        public Builder timeToLive(Duration ttl) {
            this.timeToLive = checkDuration("time to live", ttl);
            return this;
        }

        /** The delay between a producer's send and delivery, zero (the default) up to {@link #MAX_DURATION}. */
        public Builder deliveryDelay(Duration delay) {
            this.deliveryDelay = checkDuration("delivery delay", delay);
            return this;
        }

        /** The message. */
        public Message build() {
            return new Message(this);
        }

        private static Duration checkDuration(String what, Duration d) {
            if (d == null || d.isNegative() || d.compareTo(MAX_DURATION) > 0) {
                throw new IllegalArgumentException(what + " " + d + " is not allowed: use zero up to " + MAX_DURATION
                        + " (365 days)");
            }
            return d;
        }

        private static String checkToken(String what, String s) {
            Objects.requireNonNull(s, () -> what + " must not be null");
            if (s.isEmpty() || s.length() > MAX_KEY_LENGTH) {
                throw new IllegalArgumentException(what + " of length " + s.length() + " is not allowed: use 1 to "
                        + MAX_KEY_LENGTH + " characters");
            }
            for (int i = 0; i < s.length(); i++) {
                if (Character.isISOControl(s.charAt(i))) {
                    throw new IllegalArgumentException(what + " '" + s.replaceAll("\\p{Cntrl}", "?")
                            + "' contains a control character at index " + i + ": CR, LF and other control characters"
                            + " are not allowed");
                }
            }
            return s;
        }

        private static void checkTagName(String name) {
            if (name == null || !TAG_NAME.matcher(name).matches()) {
                throw new IllegalArgumentException("tag name '" + name + "' is not allowed: use " + TAG_NAME_PATTERN);
            }
            if (name.startsWith("JMS") || name.startsWith("_AMQ") || name.startsWith("tributary_")) {
                throw new IllegalArgumentException("tag name '" + name + "' is reserved: names starting with JMS, _AMQ"
                        + " or tributary_ belong to the transport");
            }
        }
    }
}
