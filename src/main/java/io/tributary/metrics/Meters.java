package io.tributary.metrics;

import java.util.function.LongSupplier;

/**
 * The metric backend behind {@link MeteredStreams}: MicroProfile Metrics in a container
 * ({@link io.tributary.metrics.microprofile.MicroProfileMeters}), {@link #NONE} elsewhere, a recording
 * one in tests. Asking twice for the same meter and stream returns the same counter or timer; a gauge
 * is registered once per meter and stream (later registrations of it are ignored). Implementations are
 * thread-safe.
 */
public interface Meters {

    /** Records nothing. */
    Meters NONE = new Meters() {
        @Override
        public Counter counter(StreamMeter meter, String stream) {
            return n -> { };
        }

        @Override
        public Timer timer(StreamMeter meter, String stream) {
            return nanos -> { };
        }

        @Override
        public void gauge(StreamMeter meter, String stream, LongSupplier value) {
        }
    };

    /** A counter of {@code meter} (type COUNTER) for {@code stream}. */
    Counter counter(StreamMeter meter, String stream);

    /** A timer of {@code meter} (type TIMER) for {@code stream}. */
    Timer timer(StreamMeter meter, String stream);

    /**
     * Registers a gauge of {@code meter} (type GAUGE) reading {@code value}; {@code stream} is {@code null}
     * for a meter that is not {@link StreamMeter#perStream() per stream}.
     */
    void gauge(StreamMeter meter, String stream, LongSupplier value);

    /** Counts events. */
    @FunctionalInterface
    interface Counter {
        /** Adds {@code n}, zero or more. */
        void add(long n);
    }

    /** Records durations. */
    @FunctionalInterface
    interface Timer {
        /** Records a duration in nanoseconds. */
        void record(long nanos);
    }
}
