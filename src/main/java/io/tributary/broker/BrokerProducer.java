package io.tributary.broker;

/**
 * Publishes single events into a {@link Broker}.
 *
 * <p>An event is accepted when {@code publish} returns or {@code tryPublish} returns {@code true}; from
 * then on the broker delivers it until it is acked (see {@link Broker}). After {@link #cancel()} the
 * producer accepts nothing more.
 *
 * <p><b>Thread safety.</b> Safe for many threads; events published by one thread keep their order.
 *
 * @param <E> the event type
 */
public interface BrokerProducer<E> {

    /**
     * Publishes an event, waiting while the buffer is full.
     *
     * @throws NullPointerException   if {@code event} is null
     * @throws BrokerClosedException  if the producer is cancelled or the broker closed, before or while
     *                                waiting; the event was not accepted
     * @throws InterruptedException   if interrupted while waiting; the event was not accepted
     * @throws BrokerException        if the transport failed; the event may not have been accepted
     */
    void publish(E event) throws InterruptedException;

    /**
     * Publishes an event if the buffer has room now.
     *
     * @return {@code true} if accepted, {@code false} at once if the buffer is full
     * @throws NullPointerException  if {@code event} is null
     * @throws BrokerClosedException if the producer is cancelled or the broker closed
     */
    boolean tryPublish(E event);

    /**
     * Stops this producer. With {@link ProducerConfig#dropOnCancel()} its events that no consumer has
     * taken yet (never handed out, or returned for redelivery) are removed from the buffer and each is
     * reported to {@link ProducerConfig#onDrop()}; without it, its events stay and are delivered. Events
     * held in a consumer's batch are never dropped. Idempotent: later calls return 0.
     *
     * @return how many events were dropped
     */
    int cancel();
}
