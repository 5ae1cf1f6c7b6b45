package io.tributary.messaging;

import io.tributary.stream.Message;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What an application asks of one outgoing message of a {@code tributary-jms} channel: its key (the
 * {@code JMSXGroupID}: messages with one key are delivered in order), tags (JMS string properties),
 * priority (0-9), delivery delay and time to live (see {@link Message} for their meaning). Attach it with
 * {@link TributaryMessage#of(Object, OutgoingMetadata)}.
 *
 * <p>Every value is validated by {@link Builder#build()} with the rules of {@link Message.Builder}, so a
 * bad value fails where the application sets it, with an error naming it. Immutable and thread-safe.
 */
public final class OutgoingMetadata {

    /** Metadata that asks for nothing: no key, no tags, the default priority, no delay, no expiry. */
    public static final OutgoingMetadata NONE = builder().build();

    private final String key;
    private final Map<String, String> tags;
    private final int priority;
    private final Duration deliveryDelay;
    private final Duration timeToLive;

    private OutgoingMetadata(Builder b) {
        this.key = b.key;
        this.tags = Map.copyOf(b.tags);
        this.priority = b.priority;
        this.deliveryDelay = b.deliveryDelay;
        this.timeToLive = b.timeToLive;
    }

    /** A builder starting from {@link #NONE}. */
    public static Builder builder() {
        return new Builder();
    }

    /** The key, or {@code null}. */
    public String key() {
        return key;
    }

    /** The tags, never {@code null}. */
    public Map<String, String> tags() {
        return tags;
    }

    /** The priority, 0 to 9. */
    public int priority() {
        return priority;
    }

    /** The delay between the send and delivery; zero for none. */
    public Duration deliveryDelay() {
        return deliveryDelay;
    }

    /** The time to live after the send; zero for never expiring. */
    public Duration timeToLive() {
        return timeToLive;
    }

    /** Applies every field to {@code message}. */
    Message.Builder applyTo(Message.Builder message) {
        message.key(key).priority(priority).deliveryDelay(deliveryDelay).timeToLive(timeToLive);
        tags.forEach((name, value) -> message.tag(name, value.getBytes(StandardCharsets.UTF_8)));
        return message;
    }

    /** Builds {@link OutgoingMetadata}; not thread-safe. */
    public static final class Builder {
        private String key;
        private final Map<String, String> tags = new LinkedHashMap<>();
        private int priority = Message.DEFAULT_PRIORITY;
        private Duration deliveryDelay = Duration.ZERO;
        private Duration timeToLive = Duration.ZERO;

        private Builder() {
        }

        /** The key, or {@code null} for none. */
        public Builder key(String key) {
            this.key = key;
            return this;
        }

        /** Adds a tag. */
        public Builder tag(String name, String value) {
            tags.put(name, Objects.requireNonNull(value, () -> "tag '" + name + "' has a null value"));
            return this;
        }

        /** Adds every tag of {@code all}. */
        public Builder tags(Map<String, String> all) {
            all.forEach(this::tag);
            return this;
        }

        /** The priority, 0 (lowest) to 9; default 4. */
        public Builder priority(int priority) {
            this.priority = priority;
            return this;
        }

        /** The delay between the send and delivery. */
        public Builder deliveryDelay(Duration delay) {
            this.deliveryDelay = delay;
            return this;
        }

        /** How long after the send the message expires if not delivered. */
        public Builder timeToLive(Duration ttl) {
            this.timeToLive = ttl;
            return this;
        }

        /**
         * The metadata.
         *
         * @throws IllegalArgumentException naming the bad value, by the rules of {@link Message.Builder}
         */
        public OutgoingMetadata build() {
            OutgoingMetadata metadata = new OutgoingMetadata(this);
            metadata.applyTo(Message.builder());
            return metadata;
        }
    }
}
