package io.tributary.messaging;

import static io.tributary.messaging.ChannelAttribute.BACKOFF_INITIAL_MS;
import static io.tributary.messaging.ChannelAttribute.BACKOFF_MAX_MS;
import static io.tributary.messaging.ChannelAttribute.BATCH_SIZE;
import static io.tributary.messaging.ChannelAttribute.MAX_IN_FLIGHT;
import static io.tributary.messaging.ChannelAttribute.DESTINATION;
import static io.tributary.messaging.ChannelAttribute.DURABLE;
import static io.tributary.messaging.ChannelAttribute.MAX_ATTEMPTS;
import static io.tributary.messaging.ChannelAttribute.MAX_PENDING;
import static io.tributary.messaging.ChannelAttribute.SHARED;
import static io.tributary.messaging.ChannelAttribute.SUBSCRIPTION;

import io.tributary.stream.ConsumerOptions;
import io.tributary.stream.RedeliveryPolicy;
import io.tributary.stream.StreamName;
import io.tributary.stream.Subscription;
import java.time.Duration;
import java.util.Optional;
import org.eclipse.microprofile.config.Config;

/**
 * The validated attributes ({@link ChannelAttribute}) of one {@code tributary-jms} channel, read once when
 * the channel is built.
 *
 * <p>A missing or bad value fails channel start-up, and so the application's, with an
 * {@link IllegalArgumentException} naming the channel, the key, the bad value and what is allowed.
 * Immutable and thread-safe.
 *
 * @param channel      the channel name
 * @param name         the stream ({@code queue://}) or topic ({@code topic://}) name
 * @param subscription the subscription of an incoming topic channel; {@code null} for a queue
 * @param topic        whether the destination is a topic
 * @param batchSize    messages per transacted receive
 * @param maxPending   messages pulled ahead of the application at most
 * @param maxInFlight  messages handed out and not yet settled at most
 * @param redelivery   what a nack does
 */
public record ChannelSettings(String channel, String name, Subscription subscription, boolean topic, int batchSize,
        int maxPending, int maxInFlight, RedeliveryPolicy redelivery) {

    /** The channel name key Reactive Messaging puts into every channel's configuration. */
    static final String CHANNEL_NAME = "channel-name";

    private static final String QUEUE = "queue://";
    private static final String TOPIC = "topic://";

    /** Reads and validates the attributes of the channel whose configuration is {@code config}. */
    public static ChannelSettings from(Config config) {
        String channel = config.getOptionalValue(CHANNEL_NAME, String.class).orElse("?");
        String destination = config.getOptionalValue(DESTINATION.key(), String.class).map(String::strip)
                .orElseThrow(() -> bad(channel, DESTINATION, null,
                        "is required: use queue://<stream name> or topic://<topic name>"));
        boolean topic = destination.startsWith(TOPIC);
        if (!topic && !destination.startsWith(QUEUE)) {
            throw bad(channel, DESTINATION, destination, "has an unknown destination type: use queue://<stream name>"
                    + " or topic://<topic name>");
        }
        String name = destination.substring(topic ? TOPIC.length() : QUEUE.length());
        if (!StreamName.isValid(name)) {
            throw bad(channel, DESTINATION, destination, "names no valid stream or topic: use " + StreamName.PATTERN);
        }
        int maxPending = (int) number(config, channel, MAX_PENDING, 100, 1, 10_000);
        int batchSize = (int) number(config, channel, BATCH_SIZE, Math.min(10, maxPending), 1, maxPending);
        int maxInFlight = (int) number(config, channel, MAX_IN_FLIGHT, 1, 1, batchSize);
        int attempts = (int) number(config, channel, MAX_ATTEMPTS, 5, 1, 1000);
        long initial = number(config, channel, BACKOFF_INITIAL_MS, 1000, 0, 86_400_000);
        long max = number(config, channel, BACKOFF_MAX_MS, 300_000, initial, 86_400_000);
        RedeliveryPolicy policy = new RedeliveryPolicy(attempts, Duration.ofMillis(initial), 2.0,
                Duration.ofMillis(max));
        Subscription subscription = topic ? subscription(config, channel, name) : null;
        return new ChannelSettings(channel, name, subscription, topic, batchSize, maxPending, maxInFlight, policy);
    }

    /** The consumer options these settings ask for, based on the given defaults. */
    public ConsumerOptions consumerOptions(ConsumerOptions defaults) {
        return defaults.withBatchSize(batchSize).withRedelivery(redelivery);
    }

    private static Subscription subscription(Config config, String channel, String topic) {
        String name = config.getOptionalValue(SUBSCRIPTION.key(), String.class).map(String::strip).orElse(channel);
        if (!StreamName.isValid(name) || !StreamName.isValid(topic + "." + name)) {
            throw bad(channel, SUBSCRIPTION, name, "is not a valid subscription name: use " + StreamName.PATTERN
                    + " (topic.subscription at most 200 characters)");
        }
        return new Subscription(topic, name, flag(config, channel, DURABLE), flag(config, channel, SHARED));
    }

    private static boolean flag(Config config, String channel, ChannelAttribute attribute) {
        Optional<String> raw = config.getOptionalValue(attribute.key(), String.class).map(String::strip);
        if (raw.isEmpty() || raw.get().equalsIgnoreCase("true")) {
            return true;
        }
        if (raw.get().equalsIgnoreCase("false")) {
            return false;
        }
        throw bad(channel, attribute, raw.get(), "is not a boolean: use true or false");
    }

    private static long number(Config config, String channel, ChannelAttribute attribute, long dflt, long min,
            long max) {
        Optional<String> raw = config.getOptionalValue(attribute.key(), String.class);
        if (raw.isEmpty()) {
            return dflt;
        }
        long value;
        try {
            value = Long.parseLong(raw.get().strip());
        } catch (NumberFormatException e) {
            throw bad(channel, attribute, raw.get(), "is not a whole number: use " + min + " to " + max);
        }
        if (value < min || value > max) {
            throw bad(channel, attribute, raw.get(), "is out of range: use " + min + " to " + max);
        }
        return value;
    }

    private static IllegalArgumentException bad(String channel, ChannelAttribute attribute, String value, String why) {
        return new IllegalArgumentException("channel '" + channel + "': mp.messaging.*." + channel + "."
                + attribute.key() + (value == null ? "" : " = '" + value + "'") + " " + why);
    }
}
