package io.tributary.broker;

import java.time.Duration;

/**
 * Takes batches of events from a {@link Broker}.
 *
 * <p>A consumer may hold several un-acked batches at once. {@link #close()} returns every un-acked batch
 * to the broker, which delivers its events again (to any consumer), before newer events; acking such a
 * batch afterwards fails.
 *
 * <p><b>Thread safety.</b> Safe for many threads.
 *
 * @param <E> the event type
 */
public interface BrokerConsumer<E> extends AutoCloseable {

    /**
     * Takes a batch of up to {@code n} events, waiting until at least one is available.
     *
     * @param n 1 to {@link BufferConfig#maxBatchSize()}, or 0 or less for the broker's choice
     *          ({@link BufferConfig#maxBatchSize()})
     * @throws IllegalArgumentException if {@code n} is above {@link BufferConfig#maxBatchSize()}
     * @throws BrokerClosedException    if this consumer is closed, or the broker is closed and empty
     * @throws InterruptedException     if interrupted while waiting
     */
    Batch<E> get(int n) throws InterruptedException;

    /**
     * Takes a batch of up to {@code n} events, waiting at most {@code timeout} for the first one.
     *
     * @return the batch; empty (and needing no ack) if nothing arrived in time
     * @throws IllegalArgumentException if {@code n} is out of range or {@code timeout} is negative or null
     */
    Batch<E> get(int n, Duration timeout) throws InterruptedException;

    /** Returns every un-acked batch of this consumer for redelivery and refuses further gets. Idempotent. */
    @Override
    void close();
}
