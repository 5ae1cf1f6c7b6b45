package io.tributary.fanin;

import java.time.Duration;
import java.util.Optional;

/**
 * One consumer of a {@link StreamAggregator}: a bounded buffer that every source present while it is
 * open writes into.
 *
 * <p><b>Back-pressure.</b> The buffer holds at most {@link ConsumeOptions#bufferLength()} items; sources
 * wait while it is full, each on its own thread, so a slow consumer slows its sources' shares and no one
 * else. Items of one source keep that source's order; items of different sources interleave.
 *
 * <p><b>Completion.</b> {@link #close()} cancels this subscription's share of every source and returns at
 * once; items taken before stay pollable. The subscription is {@linkplain #isDone() done} once it is closed,
 * every source has returned and the buffer is drained.
 *
 * <p>Thread safety: safe for many threads.
 *
 * @param <T> the item type
 */
public interface Subscription<T> extends AutoCloseable {

    /**
     * The next item, waiting at most {@code timeout}.
     *
     * @return the item, or empty if none arrived in time or the subscription is done
     * @throws IllegalArgumentException if {@code timeout} is null or negative
     * @throws InterruptedException if interrupted while waiting
     */
    Optional<T> poll(Duration timeout) throws InterruptedException;

    /** Whether this subscription is closed, every source has returned and the buffer is drained. */
    boolean isDone();

    /** Cancels this subscription's share of every source. Idempotent. */
    @Override
    void close();
}
