package io.tributary.broker;

import io.tributary.stream.Message;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Broker types by name, so that an application picks its broker in configuration (libbeat's queue
 * registry). Implementations register themselves under a type name, conventionally {@value #MEMORY}
 * ({@code new io.tributary.broker.memory.MemoryBrokerFactory()}) and {@value #JMS} (registered by whoever
 * holds the connection factory, {@code new io.tributary.broker.jms.JmsBrokerFactory(connectionFactory)}).
 *
 * <p>Thread safety: safe for many threads.
 */
public final class BrokerRegistry {

    /** The name of the in-memory broker type. */
    public static final String MEMORY = "memory";
    /** The name of the JMS broker type. */
    public static final String JMS = "jms";
    /** Allowed type names. */
    public static final String TYPE_PATTERN = "[a-z][a-z0-9-]{0,49}";

    private static final Pattern TYPE = Pattern.compile(TYPE_PATTERN);

    private final Map<String, BrokerFactory> factories = new TreeMap<>();

    /** An empty registry. */
    public BrokerRegistry() {
    }

    /**
     * Registers a broker type.
     *
     * @throws IllegalArgumentException if the name does not match {@value #TYPE_PATTERN} or is registered already
     */
    public synchronized void register(String name, BrokerFactory factory) {
        Objects.requireNonNull(factory, "factory must not be null");
        if (name == null || !TYPE.matcher(name).matches()) {
            throw new IllegalArgumentException("broker type name '" + name + "' is not allowed: use " + TYPE_PATTERN);
        }
        if (factories.containsKey(name)) {
            throw new IllegalArgumentException("broker type '" + name + "' is registered already; known types: "
                    + factories.keySet());
        }
        factories.put(name, factory);
    }

    /** The factory registered as {@code name}, if any. */
    public synchronized Optional<BrokerFactory> find(String name) {
        return Optional.ofNullable(factories.get(name));
    }

    /**
     * Creates the broker that {@code config} names.
     *
     * @throws IllegalArgumentException if its type is not registered, listing the known types
     */
    public Broker<Message> load(BrokerConfig config, Eventer eventer) {
        Objects.requireNonNull(config, "config must not be null");
        Objects.requireNonNull(eventer, "eventer must not be null (use Eventer.NONE)");
        BrokerFactory factory = find(config.type()).orElseThrow(() -> new IllegalArgumentException(
                "broker type '" + config.type() + "' is unknown: use one of " + knownTypes()));
        return factory.create(config, eventer);
    }

    private synchronized String knownTypes() {
        return factories.keySet().toString();
    }
}
