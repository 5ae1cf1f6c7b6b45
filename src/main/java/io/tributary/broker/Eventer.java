package io.tributary.broker;

/**
 * Hears every acknowledgement of a broker (libbeat's ACK listener), whatever producer published the events.
 *
 * <p>Called with the number of events newly acked, one call at a time; counts of all calls sum to the
 * events acked. The in-memory broker calls it as the buffer advances, so in publish order, on the acking
 * thread; the JMS broker calls it per acked batch, on the acking thread for this instance's consumers and
 * on the ack-notice listener for other instances'. An exception it throws is logged and ignored.
 */
@FunctionalInterface
public interface Eventer {

    /** Ignores acks. */
    Eventer NONE = count -> { };

    /** {@code count} more events were acknowledged. */
    void onAck(int count);
}
