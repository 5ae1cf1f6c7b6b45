package io.tributary.bench;

import java.util.Arrays;

/**
 * End-to-end latency percentiles in microseconds, from send (timestamp written into the message by the
 * producer) to receipt by the consumer, both in the harness JVM so {@link System#nanoTime()} is comparable.
 *
 * @param p50Micros  median
 * @param p99Micros  99th percentile
 * @param p999Micros 99.9th percentile
 * @param targetRate the rate the producer was limited to, messages per second
 */
record Latency(double p50Micros, double p99Micros, double p999Micros, double targetRate) {

    /** Percentiles of {@code count} recorded nanosecond latencies (the array is sorted in place). */
    static Latency of(long[] nanos, int count, double targetRate) {
        if (count == 0) {
            throw new IllegalStateException("no latency recorded");
        }
        Arrays.sort(nanos, 0, count);
        return new Latency(percentile(nanos, count, 0.50), percentile(nanos, count, 0.99),
                percentile(nanos, count, 0.999), targetRate);
    }

    private static double percentile(long[] sorted, int count, double p) {
        int index = (int) Math.min(count - 1, Math.ceil(p * count) - 1);
        return sorted[Math.max(0, index)] / 1_000.0;
    }
}
