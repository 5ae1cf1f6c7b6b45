/**
 * Metrics of message streams: {@link io.tributary.metrics.MeteredStreams} decorates any
 * {@link io.tributary.stream.Streams} and records, per stream, the {@link io.tributary.metrics.StreamMeter}s
 * (sent, received, acked, nacked, dead-lettered, redelivered, in flight, backlog, latencies) through a
 * small backend interface, {@link io.tributary.metrics.Meters}, so the decorator runs without a container.
 */
package io.tributary.metrics;
