package io.tributary.broker;

import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Which broker to create: its type (a name in a {@link BrokerRegistry}), its name (for the JMS type, the
 * queue) and its buffer bounds.
 *
 * <p>{@link #fromProperties} reads the keys {@code type} (default {@value #DEFAULT_TYPE}), {@code name}
 * (default {@value #DEFAULT_NAME}), {@code capacity} and {@code max-batch-size} (defaults from
 * {@link BufferConfig#DEFAULTS}) below a prefix, e.g. {@code tributary.batching-broker.}.
 *
 * @param type   the registry name of the broker type
 * @param name   the broker's name: letters, digits, '.', '_' and '-', 1 to 200 characters
 * @param buffer the buffer bounds
 */
public record BrokerConfig(String type, String name, BufferConfig buffer) {

    /** The type used when none is configured. */
    public static final String DEFAULT_TYPE = "memory";
    /** The name used when none is configured. */
    public static final String DEFAULT_NAME = "broker";
    /** Allowed broker names. */
    public static final String NAME_PATTERN = "[A-Za-z0-9._-]{1,200}";

    private static final Pattern NAME = Pattern.compile(NAME_PATTERN);

    /** Validates every component and names the bad one. */
    public BrokerConfig {
        Objects.requireNonNull(type, "type must not be null");
        Objects.requireNonNull(buffer, "buffer must not be null");
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("broker name '" + name + "' is not allowed: use " + NAME_PATTERN);
        }
    }

    /** A configuration of {@code type} named {@value #DEFAULT_NAME} with the default buffer. */
    public static BrokerConfig of(String type) {
        return new BrokerConfig(type, DEFAULT_NAME, BufferConfig.DEFAULTS);
    }

    /**
     * Reads a configuration from properties below {@code prefix}.
     *
     * @throws IllegalArgumentException naming the key and the bad value when a number does not parse or is out of range
     */
    public static BrokerConfig fromProperties(Map<String, String> properties, String prefix) {
        String type = properties.getOrDefault(prefix + "type", DEFAULT_TYPE).trim();
        String name = properties.getOrDefault(prefix + "name", DEFAULT_NAME).trim();
        int capacity = intValue(properties, prefix + "capacity", BufferConfig.DEFAULTS.capacity());
        int maxBatch = intValue(properties, prefix + "max-batch-size",
                Math.min(capacity, BufferConfig.DEFAULTS.maxBatchSize()));
        try {
            return new BrokerConfig(type, name, new BufferConfig(capacity, maxBatch));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("broker configuration below '" + prefix + "': " + e.getMessage(), e);
        }
    }

    private static int intValue(Map<String, String> properties, String key, int defaultValue) {
        String value = properties.get(key);
        if (value == null) {
            return defaultValue;
        }
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " '" + value + "' is not allowed: use a whole number", e);
        }
    }
}
