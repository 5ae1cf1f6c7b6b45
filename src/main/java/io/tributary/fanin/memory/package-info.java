/**
 * The in-process {@link io.tributary.fanin.StreamAggregator} and in-process sources: over a
 * {@link java.util.concurrent.Flow.Publisher}, and over any message
 * {@link io.tributary.stream.Streams} implementation (in-memory or JMS).
 */
package io.tributary.fanin.memory;
