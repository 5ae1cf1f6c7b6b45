package io.tributary.broker;

import java.util.List;

/**
 * Events handed to one consumer, invisible to other consumers until acked.
 *
 * <p>{@link #ack()} settles all events of the batch at once: the broker frees their buffer space (in
 * publish order, see {@link Broker}) and fires the producers' ACK callbacks and the {@link Eventer}. A
 * batch that is never acked is delivered again when its consumer closes.
 *
 * <p><b>Thread safety.</b> Safe for many threads; exactly one {@code ack} succeeds.
 *
 * @param <E> the event type
 */
public interface Batch<E> {

    /** The events, in publish order, read-only. */
    List<E> events();

    /** The number of events. */
    default int size() {
        return events().size();
    }

    /**
     * Acknowledges every event of the batch. Acking an empty batch does nothing.
     *
     * @throws IllegalStateException if the batch was acked already, or returned because its consumer closed
     * @throws BrokerException       if the transport failed to record the ack; the batch will be delivered again
     */
    void ack();
}
