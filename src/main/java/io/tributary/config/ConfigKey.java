package io.tributary.config;

import io.tributary.artemis.ArtemisConnections;
import io.tributary.stream.GroupCommit;
import io.tributary.stream.StreamName;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;

/**
 * Every {@code tributary.*} configuration key, declared once: its name, default, what values are
 * allowed and what it means. {@link TributaryConfig} validates against these declarations and
 * {@link ConfigTable} documents them.
 */
public enum ConfigKey {

    BROKER_URL("tributary.broker.url", "", "an Artemis URL such as tcp://host:61616, or empty",
            "The broker to connect to. Empty: the embedded broker, if `tributary.embedded.enabled` is `true`.",
            ConfigKey::url),
    BROKER_USER("tributary.broker.user", "", "any text", "User for `tributary.broker.url` (set it from an env var or Secret).",
            v -> v),
    BROKER_PASSWORD("tributary.broker.password", "", "any text",
            "Password for `tributary.broker.url`; never put it in a file under version control.", v -> v),
    CONNECTION_FACTORY("tributary.connection-factory", "",
            "a JNDI name such as `jms/tributary` (1 to 200 of A-Z a-z 0-9 : / . _ -), or empty",
            "Container-managed mode: the JNDI name of a JMS connection factory the server defines (the Artemis"
                    + " resource adapter, see docs/container-managed.md). Set, every connection comes from it:"
                    + " no embedded broker is started and `tributary.broker.url` must stay empty. Empty: not used.",
            v -> v.isEmpty() ? v : matches(v, "[A-Za-z0-9:/._-]{1,200}")),
    TRANSPORT("tributary.transport", "jms", "`jms` or `memory`",
            "`jms`: streams are Artemis queues. `memory`: in-JVM queues (tests, single-JVM use; nothing survives a restart).",
            v -> oneOf(v, Set.of("jms", "memory"))),
    EMBEDDED_ENABLED("tributary.embedded.enabled", "false", "`true` or `false`",
            "With no `tributary.broker.url`: `true` starts an embedded Artemis broker inside the application"
                    + " (Tributary's own WAR sets it); `false` refuses to start without a broker URL, so adding the"
                    + " classes jar to an application never starts a broker it did not ask for.",
            ConfigKey::bool),
    EMBEDDED_PORT("tributary.embedded.port", "0", "0 to 65535",
            "TCP port of the embedded broker, bound to 127.0.0.1 only, with security on (needs"
                    + " `tributary.embedded.user` and `tributary.embedded.password`); 0: in-VM only, no port opened.",
            v -> range(v, 0, 65535)),
    EMBEDDED_USER("tributary.embedded.user", "", "any text; required with a TCP port",
            "The one user of the embedded broker's TCP acceptor (and of the application's own connection to it)."
                    + " Set it from an env var or Secret.", v -> v),
    EMBEDDED_PASSWORD("tributary.embedded.password", "", "at least 12 characters; required with a TCP port",
            "Password of `tributary.embedded.user`; only from the environment or a Secret.", v -> v),
    EMBEDDED_AUDIT_LOG("tributary.embedded.audit-log", "false", "`true` or `false`",
            "`true` keeps the embedded broker's audit log, which writes a line at INFO for every message and"
                    + " operation (with message properties); `false` turns it off.", ConfigKey::bool),
    EMBEDDED_DATA_DIR("tributary.embedded.data-dir", "", "a directory path, or empty",
            "Journal of the embedded broker. Empty: `tributary/<application name>/` under Liberty's server output"
                    + " directory (or the working directory outside Liberty), so two applications on one server"
                    + " never share a journal.", v -> v),
    RECONNECT_INITIAL_BACKOFF_MS("tributary.reconnect.initial-backoff-ms", "1000", "1 to 3600000",
            "When the broker connection failed for good (the Artemis client gave up, or the broker refused the"
                    + " connect), the wait before Tributary's first attempt to re-create it; doubled per failed"
                    + " attempt, with jitter (each wait is drawn from half to all of its bound).",
            v -> range(v, 1, 3_600_000)),
    RECONNECT_MAX_BACKOFF_MS("tributary.reconnect.max-backoff-ms", "60000", "1 to 3600000, at least the initial backoff",
            "The longest wait between attempts to re-create the broker connection (Tributary never stops trying).",
            v -> range(v, 1, 3_600_000)),
    METRICS_BACKLOG_REFRESH_MS("tributary.metrics.backlog-refresh-ms", "5000", "100 to 3600000",
            "How long a stream's backlog gauge reuses its last reading from the broker.",
            v -> range(v, 100, 3_600_000)),
    METRICS_MAX_STREAMS("tributary.metrics.max-streams", "1000", "1 to 100000",
            "Streams measured at most (each has its own meters): a producer or consumer of one more stream name is"
                    + " refused with an error naming it, so caller-chosen names cannot grow state without bound.",
            v -> range(v, 1, 100_000)),
    PRODUCER_MAX_IN_FLIGHT("tributary.producer.max-in-flight", "1000", "1 to 1000000",
            "Messages sent and not yet confirmed by the broker, per producer.", v -> range(v, 1, 1_000_000)),
    PRODUCER_SEND_TIMEOUT_MS("tributary.producer.send-timeout-ms", "30000", "1 to 3600000",
            "How long a send waits for a free in-flight slot.", v -> range(v, 1, 3_600_000)),
    PRODUCER_CLOSE_TIMEOUT_MS("tributary.producer.close-timeout-ms", "10000", "0 to 3600000",
            "How long closing a producer waits for confirmations.", v -> range(v, 0, 3_600_000)),
    PRODUCER_CONFIRM_TIMEOUT_MS("tributary.producer.confirm-timeout-ms", "60000", "1 to 3600000",
            "How long a sent message waits for the broker's confirmation; past it the send fails with a timeout"
                    + " (the message may or may not have been routed; resending it is safe). Bounds a send caught"
                    + " by a connection that failed for good. A send or `sendAll` a failover interrupted is resent with"
                    + " the same ids until this long after it was first sent.", v -> range(v, 1, 3_600_000)),
    PRODUCER_GROUP_COMMIT_MAX_MESSAGES("tributary.producer.group-commit.max-messages", "0", "0 to 10000",
            "Group commit: concurrent sends gathered into one broker transaction at most; each send completes when its"
                    + " transaction commits (on disk, same duplicate-detection id, order of each key kept), a failed commit fails"
                    + " exactly its sends. 0: off, every send is confirmed on its own.", v -> range(v, 0, 10_000)),
    PRODUCER_GROUP_COMMIT_LINGER_MS("tributary.producer.group-commit.linger-ms", "0", "0 to 60000",
            "Group commit: how long a transaction keeps collecting sends after its first one. 0: it takes what was"
                    + " queued while the previous transaction committed, adding no wait.", v -> range(v, 0, 60_000)),
    PRODUCER_GROUP_COMMIT_COMMITTERS("tributary.producer.group-commit.committers",
            String.valueOf(GroupCommit.DEFAULT_COMMITTERS), "1 to " + GroupCommit.MAX_COMMITTERS,
            "Group commit: transactions committing at once, each on its own session; a message goes to the committer"
                    + " of its key (unkeyed: of the sending thread), so each key, and each thread's unkeyed messages,"
                    + " keep their order.", v -> range(v, 1, GroupCommit.MAX_COMMITTERS)),
    MESSAGE_MAX_BYTES("tributary.message.max-bytes", "1048576", "1 to 104857600",
            "The largest message value accepted (the HTTP bridge answers 413 above it).",
            v -> range(v, 1, 100 << 20)),
    CONSUMER_BATCH_SIZE("tributary.consumer.batch-size", "500", "1 to 10000",
            "Messages per transacted batch at most (with adaptive batching, what a batch grows to while messages are"
                    + " waiting; also what comes again after a crash).", v -> range(v, 1, 10_000)),
    CONSUMER_RECEIVE_WAIT_MS("tributary.consumer.receive-wait-ms", "1000", "0 to 3600000",
            "How long a receive waits for the first message of a batch.", v -> range(v, 0, 3_600_000)),
    CONSUMER_LINGER_MS("tributary.consumer.linger-ms", "5", "0 to 60000",
            "Adaptive batching (on by default): after the first message of a batch, how long a receive keeps"
                    + " collecting, up to `tributary.consumer.batch-size`, so commit sizes follow the arrival rate."
                    + " Applies to injected consumers, connector channels and the HTTP bridge. 0: fixed batching"
                    + " (the first message plus what is already waiting).", v -> range(v, 0, 60_000)),
    REDELIVERY_MAX_ATTEMPTS("tributary.redelivery.max-attempts", "5", "1 to 1000",
            "Deliveries of a message at most; a nack on the last one dead-letters it.", v -> range(v, 1, 1000)),
    REDELIVERY_INITIAL_DELAY_MS("tributary.redelivery.initial-delay-ms", "1000", "0 to 86400000",
            "Delay before the second attempt of a nacked message.", v -> range(v, 0, 86_400_000)),
    REDELIVERY_MULTIPLIER("tributary.redelivery.multiplier", "2.0", "1.0 to 100.0",
            "Growth of the delay per attempt.", v -> decimal(v, 1.0, 100.0)),
    REDELIVERY_MAX_DELAY_MS("tributary.redelivery.max-delay-ms", "300000", "0 to 86400000, at least the initial delay",
            "The longest delay between attempts.", v -> range(v, 0, 86_400_000)),
    DEAD_LETTER_SUFFIX("tributary.dead-letter.suffix", ".DLQ", "1 to 50 of A-Z a-z 0-9 . _ -",
            "Appended to a stream's name to name its dead-letter stream.",
            v -> matches(v, "[A-Za-z0-9._-]{1,50}")),
    MEMORY_CAPACITY("tributary.memory.capacity", "100000", "1 to 100000000",
            "Messages per in-memory stream at most (transport `memory`).", v -> range(v, 1, 100_000_000)),
    BATCHING_BROKER_TYPE("tributary.batching-broker.type", "jms", "`jms` or `memory`",
            "Type of the injected `Broker`: `jms` (a queue on the configured broker) or `memory` (in-JVM ring buffer).",
            v -> oneOf(v, Set.of("jms", "memory"))),
    BATCHING_BROKER_NAME("tributary.batching-broker.name", "broker", "1 to 200 of A-Z a-z 0-9 . _ -",
            "Name of the injected `Broker` (its queue, for `jms`).", v -> matches(v, "[A-Za-z0-9._-]{1,200}")),
    BATCHING_BROKER_CAPACITY("tributary.batching-broker.capacity", "8192", "1 to 67108864",
            "Events the injected `Broker` buffers at most (published and not yet acked).",
            v -> range(v, 1, 1 << 26)),
    BATCHING_BROKER_MAX_BATCH("tributary.batching-broker.max-batch-size", "1024", "1 to 65536, at most the capacity",
            "The largest batch `get(n)` returns.", v -> range(v, 1, 65_536)),
    HTTP_STREAMS("tributary.http.streams", "", "comma-separated stream names (A-Z a-z 0-9 . _ -), or empty",
            "The only streams the HTTP bridge serves; any other name answers 404 and creates nothing. Empty: the"
                    + " bridge serves no stream. Dead-letter, retry, event-stream and broker queues are never served.",
            ConfigKey::streamList),
    HTTP_SENDER_USER("tributary.http.sender.user", "", "any text, or empty for nobody",
            "The HTTP bridge user in role `tributary-send` (may send). Empty: nobody has the role.", v -> v),
    HTTP_SENDER_PASSWORD("tributary.http.sender.password", "", "at least 12 characters; required with the user",
            "Password of `tributary.http.sender.user`; only from the environment or a Secret.", v -> v),
    HTTP_RECEIVER_USER("tributary.http.receiver.user", "", "any text, or empty for nobody",
            "The HTTP bridge user in role `tributary-receive` (may receive, ack, nack). Empty: nobody has the role.",
            v -> v),
    HTTP_RECEIVER_PASSWORD("tributary.http.receiver.password", "", "at least 12 characters; required with the user",
            "Password of `tributary.http.receiver.user`; only from the environment or a Secret.", v -> v),
    HTTP_ADMIN_USER("tributary.http.admin.user", "", "any text, or empty for nobody",
            "The HTTP bridge user in role `tributary-admin` (may do everything the bridge offers). Empty: nobody has"
                    + " the role.", v -> v),
    HTTP_ADMIN_PASSWORD("tributary.http.admin.password", "", "at least 12 characters; required with the user",
            "Password of `tributary.http.admin.user`; only from the environment or a Secret.", v -> v),
    HTTP_LEASE_MS("tributary.http.lease-ms", "30000", "1000 to 3600000",
            "At-least-once HTTP receive: how long received messages stay leased to the caller; unsettled when it"
                    + " ends, they are redelivered.", v -> range(v, 1000, 3_600_000)),
    HTTP_MAX_LEASES("tributary.http.max-leases", "100", "1 to 10000",
            "Open leases of the HTTP bridge at most (each holds a broker session); a receive beyond answers 429.",
            v -> range(v, 1, 10_000)),
    HTTP_MAX_BATCH("tributary.http.max-batch", "1000", "1 to 10000",
            "The largest `max` the HTTP receive accepts.", v -> range(v, 1, 10_000)),
    HTTP_MAX_WAIT_MS("tributary.http.max-wait-ms", "30000", "0 to 300000",
            "The longest `waitMs` the HTTP receive accepts.", v -> range(v, 0, 300_000)),
    WORK_WORKERS("tributary.work.workers", "4", "1 to 1000",
            "Workers of the injected `WorkerPool`; each holds one thread of the managed executor, so keep it"
                    + " below the concurrency policy's `max`.", v -> range(v, 1, 1000)),
    WORK_CAPACITY("tributary.work.capacity", "1000", "1 to 1000000",
            "Operations the injected `WorkerPool` accepts and has not finished, at most.",
            v -> range(v, 1, 1_000_000));

    private final String key;
    private final String defaultValue;
    private final String allowed;
    private final String meaning;
    private final Function<String, Object> parser;

    ConfigKey(String key, String defaultValue, String allowed, String meaning, Function<String, Object> parser) {
        this.key = key;
        this.defaultValue = defaultValue;
        this.allowed = allowed;
        this.meaning = meaning;
        this.parser = parser;
    }

    /** The property name. */
    public String key() {
        return key;
    }

    /** The value used when the key is not set. */
    public String defaultValue() {
        return defaultValue;
    }

    /** What values are allowed, for people. */
    public String allowed() {
        return allowed;
    }

    /** What the key does. */
    public String meaning() {
        return meaning;
    }

    /** Whether this key holds a secret (never shown in errors or logs). */
    public boolean secret() {
        return key.endsWith(".password");
    }

    /**
     * The typed value of {@code raw}.
     *
     * @throws IllegalArgumentException naming the key, the value and what is allowed
     */
    Object parse(String raw) {
        try {
            return parser.apply(raw.trim());
        } catch (RuntimeException e) {
            String shown = secret() ? "(hidden)" : "'" + (this == BROKER_URL ? ArtemisConnections.redact(raw) : raw) + "'";
            throw new IllegalArgumentException(key + "=" + shown + " is not allowed: use " + allowed
                    + (e.getMessage() == null ? "" : " (" + e.getMessage() + ")"));
        }
    }

    /** The declaration named {@code key}, or {@code null}. */
    static ConfigKey named(String key) {
        for (ConfigKey k : values()) {
            if (k.key.equals(key)) {
                return k;
            }
        }
        return null;
    }

    /**
     * The declaration whose {@link #environmentForm environment form} {@code variable} has, or {@code null}:
     * how MicroProfile Config finds a key in the environment. {@code TRIBUTARY_CONSUMER_BATCH_SIZE}, and
     * {@code tributary.consumer.batch.size} as some config sources report that variable, both name
     * {@code tributary.consumer.batch-size}.
     */
    static ConfigKey ofEnvironment(String variable) {
        String env = environmentForm(variable);
        for (ConfigKey k : values()) {
            if (environmentForm(k.key).equals(env)) {
                return k;
            }
        }
        return null;
    }

    /**
     * The environment-variable form of a property name, as MicroProfile Config maps it: every character
     * other than A-Z, a-z and 0-9 becomes {@code _}, then upper case ({@code tributary.consumer.batch-size}
     * is {@code TRIBUTARY_CONSUMER_BATCH_SIZE}).
     */
    public static String environmentForm(String name) {
        return name.replaceAll("[^A-Za-z0-9]", "_").toUpperCase(Locale.ROOT);
    }

    private static Object range(String v, long min, long max) {
        long n = Long.parseLong(v);
        if (n < min || n > max) {
            throw new IllegalArgumentException("out of range");
        }
        return n;
    }

    private static Object bool(String v) {
        if (!v.equals("true") && !v.equals("false")) {
            throw new IllegalArgumentException("not a boolean");
        }
        return Boolean.valueOf(v);
    }

    private static Object decimal(String v, double min, double max) {
        double d = Double.parseDouble(v);
        if (!(d >= min && d <= max)) {
            throw new IllegalArgumentException("out of range");
        }
        return d;
    }

    private static Object oneOf(String v, Set<String> allowed) {
        if (!allowed.contains(v)) {
            throw new IllegalArgumentException("unknown value");
        }
        return v;
    }

    private static Object matches(String v, String regex) {
        if (!v.matches(regex)) {
            throw new IllegalArgumentException("does not match " + regex);
        }
        return v;
    }

    private static Object streamList(String v) {
        List<String> names = v.isBlank() ? List.of()
                : Arrays.stream(v.split(",")).map(String::trim).toList();
        names.forEach(StreamName::check);
        return String.join(",", names);
    }

    private static Object url(String v) {
        if (!v.isEmpty()) {
            ArtemisConnections.connectionFactory(v).close();
        }
        return v;
    }
}
