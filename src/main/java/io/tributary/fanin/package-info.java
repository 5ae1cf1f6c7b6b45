/**
 * The fan-in contract, after streamaggregator: a {@link io.tributary.fanin.StreamAggregator} merges the
 * items of many {@link io.tributary.fanin.Source}s, added and removed at run time, into bounded,
 * back-pressured {@link io.tributary.fanin.Subscription}s. The aggregator lives in {@code memory}; sources
 * live beside it: {@code memory} (a {@link java.util.concurrent.Flow.Publisher}, or any message
 * {@link io.tributary.stream.Streams} implementation) and {@code jms} (a queue or topic of ActiveMQ Artemis).
 */
package io.tributary.fanin;
