package io.tributary.fanin;

/**
 * Where items come from: run once per subscription for as long as both exist (streamaggregator's source
 * function).
 *
 * <p>{@link #run} writes items for one subscription to its {@link Emitter} until the emitter is
 * cancelled (the subscription closed or the source was removed), or the source has nothing more; then it
 * returns. {@link Emitter#emit} waits while the subscription's buffer is full: that is the back-pressure.
 * A source does its own retries: an exception it throws ends its share of that subscription only (it
 * is logged), it is not restarted. A source must release what it opened before returning, and must
 * return soon after its emitter is cancelled; a subscription completes only when every one of its
 * sources has returned.
 *
 * <p>Thread safety: {@code run} is called concurrently, once per subscription, each on its own thread.
 *
 * @param <R> the request a subscription carries (e.g. a selector), passed to every source
 * @param <T> the item type
 */
@FunctionalInterface
public interface Source<R, T> {

    /** Writes items for one subscription to {@code out} until cancelled or exhausted. */
    void run(R request, Emitter<T> out) throws Exception;
}
