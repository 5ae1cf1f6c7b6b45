package io.tributary.fanin;

/**
 * Merges many sources into many subscriptions, both added and removed at run time (streamaggregator).
 *
 * <p><b>Guarantees.</b> Every subscription receives from every source present while it is open: a
 * source added later starts writing to every open subscription, and a new subscription starts a share
 * of every present source. Removing a source cancels its share of every subscription: once
 * {@link #removeSource} returns, that source hands no more items to anyone (items taken before stay in
 * the buffers). Closing a subscription cancels its share of every source; it completes once each source
 * has returned. What a source emits to each subscription (every item to each, as a topic does, or items
 * split between them, as a queue does) is the source's own contract.
 *
 * <p><b>Bounds.</b> At most {@link #maxSources()} sources and {@link #maxSubscriptions()} open
 * subscriptions; each share runs on its own thread, so the aggregator needs up to their product.
 *
 * <p>Thread safety: safe for many threads.
 *
 * @param <R> the request a subscription carries to its sources
 * @param <T> the item type
 */
public interface StreamAggregator<R, T> extends AutoCloseable {

    /**
     * Adds a source and starts its share of every open subscription.
     *
     * @throws IllegalArgumentException if {@code key} is present already (naming it) or blank, or the
     *                                  aggregator holds {@link #maxSources()} sources
     * @throws IllegalStateException    if the aggregator is closed
     */
    void addSource(String key, Source<R, T> source);

    /**
     * Removes a source and cancels its share of every subscription.
     *
     * @return whether a source with that key was present
     */
    boolean removeSource(String key);

    /**
     * Opens a subscription that every present and future source writes to.
     *
     * @throws IllegalArgumentException if the aggregator holds {@link #maxSubscriptions()} open subscriptions
     * @throws IllegalStateException    if the aggregator is closed
     */
    Subscription<T> consume(R request, ConsumeOptions options);

    /** The most sources at once. */
    int maxSources();

    /** The most open subscriptions at once. */
    int maxSubscriptions();

    /** Closes every subscription and refuses new sources and subscriptions. Idempotent. */
    @Override
    void close();
}
