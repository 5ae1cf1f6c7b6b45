package io.tributary.messaging;

/**
 * Every attribute of a {@code tributary-jms} channel ({@code mp.messaging.[incoming|outgoing].<channel>.<key>}),
 * declared once: key, type, default and meaning. {@link ChannelSettings} reads and validates them; the
 * table in docs/connector.md is {@link #markdown()} (a test compares them).
 */
public enum ChannelAttribute {

    /** Where the channel reads or writes. */
    DESTINATION("destination", "string", "(required)",
            "`queue://<stream>` or `topic://<topic>`; anything else fails start-up"),
    /** The subscription of an incoming topic channel. */
    SUBSCRIPTION("subscription", "string, a stream name", "the channel name",
            "incoming `topic://` only: the subscription's name (its stream is `<topic>.<subscription>`)"),
    /** Whether the subscription keeps messages while no consumer is open. */
    DURABLE("durable", "boolean", "true",
            "incoming `topic://` only: a durable subscription keeps what is published while the application is down"),
    /** Whether the subscription may have many consumers. */
    SHARED("shared", "boolean", "true",
            "incoming `topic://` only: a shared subscription may be consumed by many application instances at once;"
                    + " a second consumer of an unshared one fails"),
    /** Messages per transacted receive. */
    BATCH_SIZE("batch-size", "int, 1 to `max-pending`", "10 (or `max-pending` if smaller)",
            "incoming: messages per transacted batch at most; batches are adaptive (a receive keeps collecting for"
                    + " `tributary.consumer.linger-ms`, 5 ms by default, after the first message; 0: fixed batches)"),
    /** Messages pulled ahead of the application at most. */
    MAX_PENDING("max-pending", "int, 1 to 10000", "100",
            "incoming: most messages pulled ahead of the application (bounds `batch-size`)"),
    /** Messages handed to the application and not yet settled, at most. */
    MAX_IN_FLIGHT("max-in-flight", "int, 1 to `batch-size`", "1",
            "incoming: most messages handed to the application and not yet acked or nacked; messages with one key"
                    + " (`JMSXGroupID`) are handed out one after another, in order"),
    /** Deliveries before dead-lettering. */
    MAX_ATTEMPTS("max-attempts", "int, 1 to 1000", "5",
            "incoming: deliveries before a nacked message is dead-lettered"),
    /** First redelivery delay. */
    BACKOFF_INITIAL_MS("backoff-initial-ms", "long, 0 to 86400000", "1000",
            "incoming: delay before the first redelivery after a nack (doubles per attempt)"),
    /** Cap of the redelivery delay. */
    BACKOFF_MAX_MS("backoff-max-ms", "long, `backoff-initial-ms` to 86400000", "300000",
            "incoming: cap of the redelivery delay");

    private final String key;
    private final String type;
    private final String defaultValue;
    private final String meaning;

    ChannelAttribute(String key, String type, String defaultValue, String meaning) {
        this.key = key;
        this.type = type;
        this.defaultValue = defaultValue;
        this.meaning = meaning;
    }

    /** The key after {@code mp.messaging.*.<channel>.}. */
    public String key() {
        return key;
    }

    /** The table of every attribute, as docs/connector.md shows it. */
    public static String markdown() {
        StringBuilder b = new StringBuilder("| key | type | default | meaning |\n|---|---|---|---|\n");
        for (ChannelAttribute a : values()) {
            b.append("| `").append(a.key).append("` | ").append(a.type).append(" | ").append(a.defaultValue)
                    .append(" | ").append(a.meaning).append(" |\n");
        }
        return b.toString();
    }
}
