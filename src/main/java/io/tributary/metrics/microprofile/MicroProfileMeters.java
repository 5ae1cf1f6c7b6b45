package io.tributary.metrics.microprofile;

import io.tributary.metrics.Meters;
import io.tributary.metrics.StreamMeter;
import jakarta.enterprise.inject.Instance;
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
 * {@code app=<application name>} and {@code stream=<name>}; timers are exported in seconds by the
 * registry, whatever their unit. Liberty keeps one application registry for the whole server, so the
 * {@code app} tag is what keeps two applications' streams of the same name apart. The registry returns
 * the same counter or timer for the same name and tags; a gauge registered again keeps its first
 * supplier. Thread-safe (the registry is).
 *
 * <p>Only loaded when {@code mpMetrics} is present ({@link #of}): nothing else in Tributary refers to the
 * MicroProfile Metrics API.
 */
public final class MicroProfileMeters implements Meters {

    /** The tag naming the application that registered a meter. */
    public static final String APP_TAG = "app";

    private final MetricRegistry registry;
    private final String application;

    /** Meters registered in {@code registry}, tagged with {@code application}. */
    public MicroProfileMeters(MetricRegistry registry, String application) {
        this.registry = Objects.requireNonNull(registry, "registry must not be null");
        this.application = Objects.requireNonNull(application, "application must not be null");
    }

    /**
     * Meters on the application registry among {@code beans}, or {@link Meters#NONE} when the container has
     * none.
     */
    public static Meters of(Instance<Object> beans, String application) {
        Instance<MetricRegistry> registry = beans.select(MetricRegistry.class);
        return registry.isResolvable() ? new MicroProfileMeters(registry.get(), application) : Meters.NONE;
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

    private Tag[] tags(StreamMeter meter, String stream) {
        Tag app = new Tag(APP_TAG, application);
        return meter.perStream() ? new Tag[] {app, new Tag(StreamMeter.STREAM_TAG, stream)} : new Tag[] {app};
    }
}
