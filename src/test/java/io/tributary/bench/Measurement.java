package io.tributary.bench;

/**
 * What one repetition of a {@link Scenario} measured.
 *
 * @param msgsPerSec messages (or events) per second
 * @param latency    end-to-end latency percentiles, or null when not measured
 * @param heap       peak heap and allocation per message, or null when not measured
 * @param cost       CPU time per message of the harness JVM and the broker, or null when not measured
 * @param note       how the figure was obtained when that differs from the scenario's usual meaning, or null
 */
record Measurement(double msgsPerSec, Latency latency, HeapUse heap, CpuCost cost, String note) {

    /** A measurement without CPU cost. */
    Measurement(double msgsPerSec, Latency latency, HeapUse heap, String note) {
        this(msgsPerSec, latency, heap, null, note);
    }

    /** A rate of {@code count} messages since {@code startNanos} ({@link System#nanoTime()}). */
    static Measurement rate(long count, long startNanos) {
        return of(count * 1e9 / (System.nanoTime() - startNanos));
    }

    /** A plain rate. */
    static Measurement of(double msgsPerSec) {
        return new Measurement(msgsPerSec, null, null, null, null);
    }

    /** This measurement with a CPU cost. */
    Measurement withCost(CpuCost measured) {
        return new Measurement(msgsPerSec, latency, heap, measured, note);
    }

    /** This measurement with a note. */
    Measurement withNote(String text) {
        return new Measurement(msgsPerSec, latency, heap, cost, text);
    }
}
