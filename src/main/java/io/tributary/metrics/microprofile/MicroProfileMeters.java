package io.tributary.metrics.microprofile;

import io.tributary.metrics.Meters;
import io.tributary.metrics.StreamMeter;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.MetricUnits;
import org.eclipse.microprofile.metrics.Tag;

import java.time.Duration;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * {@link Meters} on a MicroProfile Metrics 5.1 registry (the application registry, on Liberty's
 * {@code mpMetrics-5.1}): counters, gauges and timers named as declared in {@link StreamMeter}, tagged
 * {@code stream=<name>}; timers are exported in seconds by the registry, whatever their unit. The registry returns the same counter or timer for the same name and tags; a
 * gauge registered again keeps its first supplier. Thread-safe (the registry is).
 */
public final class MicroProfileMeters implements Meters {

    private final MetricRegistry registry;

    /** Meters registered in {@code registry}. */
    public MicroProfileMeters(MetricRegistry registry) {
        this.registry = Objects.requireNonNull(registry, "registry must not be null");
    }

    @Override
    public Counter counter(StreamMeter meter, String stream) {
        org.eclipse.microprofile.metrics.Counter c = registry.counter(metadata(meter), tags(meter, stream));
        return c::inc;
    }

    @Override
    public Timer timer(StreamMeter meter, String stream) {
        org.eclipse.microprofile.metrics.Timer t = registry.timer(metadata(meter), tags(meter, stream));
        return nanos -> t.update(Duration.ofNanos(nanos));
    }

    @Override
    public void gauge(StreamMeter meter, String stream, LongSupplier value) {
        registry.gauge(metadata(meter), value::getAsLong, tags(meter, stream));
    }

    private static Metadata metadata(StreamMeter meter) {
        return Metadata.builder().withName(meter.metricName()).withDescription(meter.meaning())
                .withUnit(MetricUnits.NONE).build();
    }

    private static Tag[] tags(StreamMeter meter, String stream) {
        return meter.perStream() ? new Tag[] {new Tag(StreamMeter.STREAM_TAG, stream)} : new Tag[0];
    }
}
