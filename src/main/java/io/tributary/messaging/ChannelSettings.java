package io.tributary.messaging;

import io.tributary.stream.ConsumerOptions;
import io.tributary.stream.RedeliveryPolicy;
import java.time.Duration;
import java.util.Optional;
import org.eclipse.microprofile.config.Config;

/**
 * The validated attributes of one {@code tributary-jms} channel, read once when the channel is built.
 *
 * <p>Every attribute is declared here once (name, type, default, meaning; see README-connector.md).
 * A missing or bad value fails channel start-up with an {@link IllegalArgumentException} naming the
 * channel, the key and the bad value. Immutable and thread-safe.
 */
public record ChannelSettings(String channel, String stream, int batchSize, int maxPending,
        RedeliveryPolicy redelivery) {

    /** {@code destination}: required, {@code queue://name}; {@code topic://} is not supported yet. */
    public static final String DESTINATION = "destination";
    /** {@code batch-size}: int 1..max-pending, default 10; messages received per transacted batch. */
    public static final String BATCH_SIZE = "batch-size";
    /** {@code max-pending}: int 1..10000, default 100; most messages pulled ahead of the application. */
    public static final String MAX_PENDING = "max-pending";
    /** {@code max-attempts}: int 1..1000, default 5; deliveries before a nacked message is dead-lettered. */
    public static final String MAX_ATTEMPTS = "max-attempts";
    /** {@code backoff-initial-ms}: long 0..86400000, default 1000; delay before the first redelivery. */
    public static final String BACKOFF_INITIAL_MS = "backoff-initial-ms";
    /** {@code backoff-max-ms}: long 0..86400000, default 300000; cap of the doubling redelivery delay. */
    public static final String BACKOFF_MAX_MS = "backoff-max-ms";
    /** The channel name key Reactive Messaging puts into every channel's configuration. */
    static final String CHANNEL_NAME = "channel-name";

    private static final String QUEUE = "queue://";
    private static final String TOPIC = "topic://";

    /** Reads and validates the attributes of the channel whose configuration is {@code config}. */
    public static ChannelSettings from(Config config) {
        String channel = config.getOptionalValue(CHANNEL_NAME, String.class).orElse("?");
        String stream = stream(channel, config.getOptionalValue(DESTINATION, String.class));
        int maxPending = (int) number(config, channel, MAX_PENDING, 100, 1, 10_000);
        int batchSize = (int) number(config, channel, BATCH_SIZE, Math.min(10, maxPending), 1, maxPending);
        int attempts = (int) number(config, channel, MAX_ATTEMPTS, 5, 1, 1000);
        long initial = number(config, channel, BACKOFF_INITIAL_MS, 1000, 0, 86_400_000);
        long max = number(config, channel, BACKOFF_MAX_MS, 300_000, initial, 86_400_000);
        RedeliveryPolicy policy = new RedeliveryPolicy(attempts, Duration.ofMillis(initial), 2.0,
                Duration.ofMillis(max));
        return new ChannelSettings(channel, stream, batchSize, maxPending, policy);
    }

    /** The consumer options these settings ask for, based on the given defaults. */
    public ConsumerOptions consumerOptions(ConsumerOptions defaults) {
        return defaults.withBatchSize(batchSize).withRedelivery(redelivery);
    }

    private static String stream(String channel, Optional<String> destination) {
        String value = destination.map(String::strip).orElseThrow(() -> bad(channel, DESTINATION, null,
                "is required: use queue://<stream name>"));
        if (value.startsWith(TOPIC)) {
            throw bad(channel, DESTINATION, value, "is not supported yet: only queue://<stream name> is");
        }
        if (!value.startsWith(QUEUE) || value.length() == QUEUE.length()) {
            throw bad(channel, DESTINATION, value, "is not allowed: use queue://<stream name>");
        }
        return value.substring(QUEUE.length());
    }

    private static long number(Config config, String channel, String key, long dflt, long min, long max) {
        Optional<String> raw = config.getOptionalValue(key, String.class);
        if (raw.isEmpty()) {
            return dflt;
        }
        long value;
        try {
            value = Long.parseLong(raw.get().strip());
        } catch (NumberFormatException e) {
            throw bad(channel, key, raw.get(), "is not a whole number: use " + min + " to " + max);
        }
        if (value < min || value > max) {
            throw bad(channel, key, raw.get(), "is out of range: use " + min + " to " + max);
        }
        return value;
    }

    private static IllegalArgumentException bad(String channel, String key, String value, String why) {
        return new IllegalArgumentException("channel '" + channel + "': mp.messaging.*." + channel + "." + key
                + (value == null ? "" : " = '" + value + "'") + " " + why);
    }
}
