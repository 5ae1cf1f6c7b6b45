package io.tributary.fanin.jms;

import io.tributary.stream.StreamName;

import java.util.Objects;

/**
 * What a {@link JmsSource} reads.
 *
 * <ul>
 *   <li>{@link #queue(String)}: the subscriptions of an aggregator compete for the queue's messages;</li>
 *   <li>{@link #topic(String)}: each subscription has its own non-durable topic subscription and receives
 *       every message published while it is subscribed;</li>
 *   <li>{@link #sharedTopic(String, String, boolean)}: the subscriptions share one named subscription
 *       (each message to one of them), durable if asked, so that messages published while nobody is
 *       subscribed wait for the next subscriber.</li>
 * </ul>
 *
 * @param topic        whether {@code name} is a topic (else a queue)
 * @param name         the queue or topic, a valid stream name ({@link StreamName#PATTERN})
 * @param subscription the shared subscription's name, or {@code null} for none
 * @param durable      whether the shared subscription is durable
 */
public record JmsDestination(boolean topic, String name, String subscription, boolean durable) {

    /** Validates the names, and that only topics have subscriptions and only subscriptions are durable. */
    public JmsDestination {
        StreamName.check(name);
        if (subscription != null) {
            StreamName.check(subscription);
        }
        if (subscription != null && !topic) {
            throw new IllegalArgumentException("queue '" + name + "' cannot have subscription '" + subscription
                    + "': subscriptions belong to topics");
        }
        if (durable && subscription == null) {
            throw new IllegalArgumentException("a durable subscription to topic '" + name + "' needs a name: use"
                    + " sharedTopic(name, subscription, true)");
        }
    }

    /** A queue. */
    public static JmsDestination queue(String name) {
        return new JmsDestination(false, name, null, false);
    }

    /** A topic, one non-durable subscription per aggregator subscription. */
    public static JmsDestination topic(String name) {
        return new JmsDestination(true, name, null, false);
    }

    /** A topic through one shared subscription, durable or not. */
    public static JmsDestination sharedTopic(String name, String subscription, boolean durable) {
        return new JmsDestination(true, name, Objects.requireNonNull(subscription, "subscription must not be null"),
                durable);
    }

    @Override
    public String toString() {
        return (topic ? "topic " : "queue ") + name + (subscription == null ? ""
                : " (" + (durable ? "durable " : "") + "shared subscription " + subscription + ")");
    }
}
