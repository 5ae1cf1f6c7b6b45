package io.tributary.stream;

import java.util.Objects;

/**
 * A named subscription to a topic: the stream of the copies of every message published to the topic
 * (see {@link Streams#publisher}) while the subscription exists.
 *
 * <p><b>Its stream.</b> A subscription is consumed like a stream, with the same transacted batches,
 * ack, nack, redelivery and dead letters (see {@link Consumer}); that stream is named
 * {@link #stream()} = {@code topic + "." + name}: the {@link Message#consumerTopic()} of its messages,
 * and what {@link Streams#deadLetterStream} takes. Its backlog is its consumer's
 * {@link Consumer#backlog()}. Do not name a stream like a subscription.
 *
 * <p><b>Durable.</b> A durable subscription exists from its first consumer on and keeps what is
 * published while no consumer is open. A non-durable one exists while at least one consumer is open:
 * what is published while none is open is not kept for it, and closing its last consumer discards
 * what it held (nacked messages still waiting for their retry delay may be lost with it). The
 * durability of a subscription is fixed by the consumer that created it. Subscriptions are never
 * removed by this API (a durable one lives until removed on the broker).
 *
 * <p><b>Shared.</b> A shared subscription may have many consumers at once, which compete for its
 * messages as on a stream (per-key order holds across them). A subscription that is not shared has
 * at most one consumer at a time: opening a second one fails with {@link IllegalStateException}.
 *
 * @param topic   the topic, a valid {@link StreamName}
 * @param name    the subscription's name, a valid {@link StreamName}; {@code topic.name} must be one too
 * @param durable whether it keeps messages while no consumer is open
 * @param shared  whether many consumers may be open at once
 */
public record Subscription(String topic, String name, boolean durable, boolean shared) {

    /** Validates the names; the error names the bad value and the pattern. */
    public Subscription {
        StreamName.check(Objects.requireNonNull(topic, "topic must not be null"));
        StreamName.check(Objects.requireNonNull(name, "subscription name must not be null"));
        StreamName.check(topic + "." + name);
    }

    /** A durable, shared subscription: the usual choice for a group of application instances. */
    public static Subscription durable(String topic, String name) {
        return new Subscription(topic, name, true, true);
    }

    /** The name of the stream this subscription is consumed as: {@code topic + "." + name}. */
    public String stream() {
        return topic + "." + name;
    }
}
