package io.tributary.stream.jms;

/**
 * The state of the broker connection of a {@link JmsStreams}, as its {@link ConnectionSupervisor} sees it.
 *
 * <p>{@code CONNECTED -> RECONNECTING -> CONNECTED} is an outage the Artemis client rode out by itself
 * (producers and consumers keep their sessions); {@code -> FAILED -> CONNECTED} is one where the client
 * gave up (or the first connect was refused) and the supervisor re-created the connection, after which
 * producers and consumers re-open their sessions on first use.
 */
public enum ConnectionState {

    /** Connected to the broker. */
    CONNECTED(2),
    /** The connection was lost; the Artemis client is reconnecting within its own retry settings. */
    RECONNECTING(1),
    /** No connection: the client gave up or the broker refused it; the supervisor retries with backoff. */
    FAILED(0);

    private final int level;

    ConnectionState(int level) {
        this.level = level;
    }

    /** The value of the connection-state gauge: 2 connected, 1 reconnecting, 0 failed. */
    public int level() {
        return level;
    }
}
