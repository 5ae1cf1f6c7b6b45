package io.tributary.broker;

/**
 * Hears every acknowledgement of a broker (libbeat's ACK listener), whatever producer published the events.
 *
 * <p>Called with the number of events newly acked, in publish order, one call at a time, on the thread
 * that acked; counts of all calls sum to the events acked. An exception it throws is logged and ignored.
 */
@FunctionalInterface
public interface Eventer {

    /** Ignores acks. */
    Eventer NONE = count -> { };

    /** {@code count} more events were acknowledged. */
    void onAck(int count);
}
