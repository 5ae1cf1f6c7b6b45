package io.tributary.metrics;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/** {@link Meters} that keep every value in memory, for tests: counts, timer counts and gauges by meter and stream. */
final class RecordingMeters implements Meters {

    private final Map<String, AtomicLong> counts = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> timings = new ConcurrentHashMap<>();
    private final Map<String, LongSupplier> gauges = new ConcurrentHashMap<>();

    @Override
    public Counter counter(StreamMeter meter, String stream) {
        AtomicLong c = counts.computeIfAbsent(key(meter, stream), k -> new AtomicLong());
        return c::addAndGet;
    }

    @Override
    public Timer timer(StreamMeter meter, String stream) {
        AtomicLong c = timings.computeIfAbsent(key(meter, stream), k -> new AtomicLong());
        return nanos -> {
            if (nanos < 0) {
                throw new AssertionError("negative duration " + nanos + " for " + meter);
            }
            c.incrementAndGet();
        };
    }

    @Override
    public void gauge(StreamMeter meter, String stream, LongSupplier value) {
        gauges.putIfAbsent(key(meter, stream), value);
    }

    long count(StreamMeter meter, String stream) {
        AtomicLong c = counts.get(key(meter, stream));
        return c == null ? 0 : c.get();
    }

    long timed(StreamMeter meter, String stream) {
        AtomicLong c = timings.get(key(meter, stream));
        return c == null ? 0 : c.get();
    }

    long gauge(StreamMeter meter, String stream) {
        LongSupplier g = gauges.get(key(meter, stream));
        if (g == null) {
            throw new AssertionError("no gauge " + meter + " for " + stream + ": " + gauges.keySet());
        }
        return g.getAsLong();
    }

    private static String key(StreamMeter meter, String stream) {
        return meter.metricName() + "{" + stream + "}";
    }
}
