package io.tributary.fanin;

/**
 * One source's share of one subscription: where the source writes its items.
 *
 * <p>Thread safety: meant for the thread running the source; {@link #isCancelled()} may be read from any thread.
 *
 * @param <T> the item type
 */
public interface Emitter<T> {

    /**
     * Hands an item to the subscription, waiting while its buffer is full.
     *
     * @return {@code true} if the subscription took the item; {@code false} if this share was cancelled
     *         (before or while waiting) and the item was not taken: the source should stop and return
     * @throws NullPointerException if {@code item} is null
     * @throws InterruptedException if interrupted while waiting; the item was not taken
     */
    boolean emit(T item) throws InterruptedException;

    /** Whether the subscription closed or the source was removed: the source should return. */
    boolean isCancelled();

    /**
     * Waits until this share is cancelled or {@code timeout} passes, e.g. to back off before a retry.
     *
     * @return whether it is cancelled
     */
    boolean awaitCancelled(java.time.Duration timeout) throws InterruptedException;
}
