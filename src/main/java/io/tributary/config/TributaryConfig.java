package io.tributary.config;

import io.tributary.artemis.TcpAcceptor;
import io.tributary.stream.ConsumerOptions;
import io.tributary.stream.GroupCommit;
import io.tributary.stream.ProducerOptions;
import io.tributary.stream.RedeliveryPolicy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.logging.Logger;

/**
 * Tributary's validated settings, read once at start-up from any key-value source (MicroProfile Config
 * in the container, a map in tests).
 *
 * <p>Construction checks every key under {@code tributary.}: an unknown key, or a value that is not
 * allowed, fails with a {@link ConfigException} listing every problem at once, each naming the key, the
 * value (never a secret's) and what is allowed. A key may also be given in its environment form
 * ({@code TRIBUTARY_CONSUMER_BATCH_SIZE} for {@code tributary.consumer.batch-size}, see
 * {@link ConfigKey#environmentForm}). An environment variable that starts with {@code TRIBUTARY_} but
 * names no key is logged and ignored rather than refused: the environment holds variables nobody chose
 * for Tributary (Kubernetes sets {@code TRIBUTARY_SERVICE_HOST} and the like in every pod of a namespace
 * with a Service named {@code tributary}). Immutable and thread-safe.
 */
public final class TributaryConfig {

    /** The prefix every Tributary key starts with. */
    public static final String PREFIX = "tributary.";
    /** The prefix of every Tributary key's {@link ConfigKey#environmentForm environment form}. */
    private static final String ENV_PREFIX = ConfigKey.environmentForm(PREFIX);
    private static final Logger LOG = Logger.getLogger(TributaryConfig.class.getName());

    /** The shortest password accepted for a user that Tributary itself checks. */
    public static final int MIN_PASSWORD_LENGTH = TcpAcceptor.MIN_PASSWORD_LENGTH;

    private final Map<ConfigKey, Object> values = new EnumMap<>(ConfigKey.class);
    private final ProducerOptions producerOptions;
    private final ConsumerOptions consumerOptions;

    /**
     * @param names       every property name the source knows (to find unknown {@code tributary.} keys)
     * @param lookup      the raw value of a property, empty when unset
     * @param environment whether a name comes from the process environment (unknown ones are then ignored)
     * @throws ConfigException listing every problem found
     */
    public TributaryConfig(Iterable<String> names, Function<String, Optional<String>> lookup,
            Predicate<String> environment) {
        List<String> problems = new ArrayList<>();
        Set<String> ignored = new TreeSet<>();
        for (String name : names) {
            if (ConfigKey.environmentForm(name).startsWith(ENV_PREFIX) && ConfigKey.named(name) == null) {
                ConfigKey meant = ConfigKey.ofEnvironment(name);
                if (!environment.test(name)) {
                    problems.add("unknown key " + name + (meant == null ? ": the keys are " + known()
                            : ": did you mean " + meant.key() + "?"));
                } else if (meant == null) {
                    ignored.add(ConfigKey.environmentForm(name));
                }
            }
        }
        if (!ignored.isEmpty()) {
            LOG.warning(() -> "environment variables that name no Tributary key are ignored: " + ignored);
        }
        for (ConfigKey k : ConfigKey.values()) {
            String raw = lookup.apply(k.key()).orElse(k.defaultValue());
            try {
                values.put(k, k.parse(raw));
            } catch (IllegalArgumentException e) {
                problems.add(e.getMessage());
            }
        }
        ProducerOptions producer = null;
        ConsumerOptions consumer = null;
        if (problems.isEmpty()) {
            try {
                producer = new ProducerOptions(integer(ConfigKey.PRODUCER_MAX_IN_FLIGHT),
                        millis(ConfigKey.PRODUCER_SEND_TIMEOUT_MS), millis(ConfigKey.PRODUCER_CLOSE_TIMEOUT_MS),
                        integer(ConfigKey.MESSAGE_MAX_BYTES),
                        new GroupCommit(integer(ConfigKey.PRODUCER_GROUP_COMMIT_MAX_MESSAGES),
                                millis(ConfigKey.PRODUCER_GROUP_COMMIT_LINGER_MS),
                                integer(ConfigKey.PRODUCER_GROUP_COMMIT_COMMITTERS)),
                        millis(ConfigKey.PRODUCER_CONFIRM_TIMEOUT_MS));
                consumer = new ConsumerOptions(integer(ConfigKey.CONSUMER_BATCH_SIZE),
                        millis(ConfigKey.CONSUMER_RECEIVE_WAIT_MS),
                        new RedeliveryPolicy(integer(ConfigKey.REDELIVERY_MAX_ATTEMPTS),
                                millis(ConfigKey.REDELIVERY_INITIAL_DELAY_MS),
                                (Double) values.get(ConfigKey.REDELIVERY_MULTIPLIER),
                                millis(ConfigKey.REDELIVERY_MAX_DELAY_MS)),
                        millis(ConfigKey.CONSUMER_LINGER_MS));
            } catch (IllegalArgumentException e) {
                problems.add("tributary.redelivery.*: " + e.getMessage());
            }
            problems.addAll(acceptorProblems());
            problems.addAll(httpUserProblems());
            if (integer(ConfigKey.RECONNECT_MAX_BACKOFF_MS) < integer(ConfigKey.RECONNECT_INITIAL_BACKOFF_MS)) {
                problems.add(ConfigKey.RECONNECT_MAX_BACKOFF_MS.key() + "=" + integer(ConfigKey.RECONNECT_MAX_BACKOFF_MS)
                        + " is not allowed: use at least " + ConfigKey.RECONNECT_INITIAL_BACKOFF_MS.key() + "="
                        + integer(ConfigKey.RECONNECT_INITIAL_BACKOFF_MS));
            }
            if (connectionFactoryName().isPresent() && brokerUrl().isPresent()) {
                problems.add(ConfigKey.CONNECTION_FACTORY.key() + " and " + ConfigKey.BROKER_URL.key()
                        + " are both set: set only one (the container's connection factory, or a broker URL)");
            }
        }
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        this.producerOptions = producer;
        this.consumerOptions = consumer;
    }

    /** Settings from a map: for tests and for use outside a container. */
    public static TributaryConfig of(Map<String, String> properties) {
        return new TributaryConfig(properties.keySet(), k -> Optional.ofNullable(properties.get(k)), name -> false);
    }

    /** The text value of {@code key}. */
    public String text(ConfigKey key) {
        return values.get(key).toString();
    }

    /** The value of a {@code true}/{@code false} key. */
    public boolean flag(ConfigKey key) {
        return (Boolean) values.get(key);
    }

    /** The whole-number value of {@code key}. */
    public int integer(ConfigKey key) {
        return Math.toIntExact((Long) values.get(key));
    }

    /** The comma-separated value of {@code key} as a list; empty when the value is empty. */
    public List<String> list(ConfigKey key) {
        String v = text(key);
        return v.isEmpty() ? List.of() : List.of(v.split(","));
    }

    /** The broker URL, empty when the embedded broker is to be used. */
    public Optional<String> brokerUrl() {
        String url = text(ConfigKey.BROKER_URL);
        return url.isEmpty() ? Optional.empty() : Optional.of(url);
    }

    /** The JNDI name of the container's connection factory, empty unless container-managed. */
    public Optional<String> connectionFactoryName() {
        String name = text(ConfigKey.CONNECTION_FACTORY);
        return name.isEmpty() ? Optional.empty() : Optional.of(name);
    }

    /**
     * The embedded broker's TCP acceptor with its user, when {@code tributary.embedded.port} is not 0;
     * empty for an in-VM-only broker.
     */
    public Optional<TcpAcceptor> embeddedAcceptor() {
        int port = integer(ConfigKey.EMBEDDED_PORT);
        return port == 0 ? Optional.empty() : Optional.of(new TcpAcceptor(port, text(ConfigKey.EMBEDDED_USER),
                text(ConfigKey.EMBEDDED_PASSWORD)));
    }

    private List<String> acceptorProblems() {
        try {
            embeddedAcceptor();
            return List.of();
        } catch (IllegalArgumentException e) {
            return List.of(ConfigKey.EMBEDDED_PORT.key() + "=" + integer(ConfigKey.EMBEDDED_PORT) + ": " + e.getMessage());
        }
    }

    private List<String> httpUserProblems() {
        List<String> problems = new ArrayList<>();
        List<String> names = new ArrayList<>();
        ConfigKey[][] pairs = {{ConfigKey.HTTP_SENDER_USER, ConfigKey.HTTP_SENDER_PASSWORD},
            {ConfigKey.HTTP_RECEIVER_USER, ConfigKey.HTTP_RECEIVER_PASSWORD},
            {ConfigKey.HTTP_ADMIN_USER, ConfigKey.HTTP_ADMIN_PASSWORD}};
        for (ConfigKey[] pair : pairs) {
            String user = text(pair[0]);
            int passwordLength = text(pair[1]).length();
            if (user.isEmpty() && passwordLength > 0) {
                problems.add(pair[1].key() + " is set but " + pair[0].key() + " is empty: set both, or neither");
            } else if (!user.isEmpty() && passwordLength < MIN_PASSWORD_LENGTH) {
                problems.add(pair[1].key() + "=(hidden) is not allowed for user '" + user + "': use at least "
                        + MIN_PASSWORD_LENGTH + " characters, from the environment or a Secret");
            } else if (!user.isEmpty() && names.contains(user)) {
                problems.add(pair[0].key() + "='" + user + "' is not allowed: each HTTP bridge user has one role, so"
                        + " the sender, receiver and admin users must differ");
            }
            names.add(user);
        }
        return problems;
    }

    /** Producer options from the {@code tributary.producer.*} and {@code tributary.message.*} keys. */
    public ProducerOptions producerOptions() {
        return producerOptions;
    }

    /** Consumer options from the {@code tributary.consumer.*} and {@code tributary.redelivery.*} keys. */
    public ConsumerOptions consumerOptions() {
        return consumerOptions;
    }

    /** The value of a {@code *-ms} key as a duration. */
    public Duration millis(ConfigKey key) {
        return Duration.ofMillis((Long) values.get(key));
    }

    private static String known() {
        List<String> keys = new ArrayList<>();
        for (ConfigKey k : ConfigKey.values()) {
            keys.add(k.key());
        }
        return String.join(", ", keys);
    }
}
