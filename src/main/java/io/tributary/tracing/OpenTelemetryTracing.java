package io.tributary.tracing;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.tributary.eventstream.EventStream;
import io.tributary.stream.Streams;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * {@link Tracing} through an OpenTelemetry {@link Tracer} (instrumentation scope {@value #SCOPE}): on
 * Liberty the one of the MicroProfile Telemetry feature, in tests an SDK with an in-memory exporter.
 * Thread-safe.
 */
public final class OpenTelemetryTracing implements Tracing {

    /** The instrumentation scope name of Tributary's spans. */
    public static final String SCOPE = "io.tributary";

    private final Tracer tracer;
    private final String system;

    /**
     * Tracing through {@code openTelemetry}.
     *
     * @param system the {@code messaging.system} attribute of every span: {@code activemq} for Artemis
     */
    public OpenTelemetryTracing(OpenTelemetry openTelemetry, String system) {
        this.tracer = Objects.requireNonNull(openTelemetry, "openTelemetry must not be null").getTracer(SCOPE);
        this.system = Objects.requireNonNull(system, "system must not be null");
    }

    /**
     * {@link Tracing#OFF} when {@code openTelemetry} does not record spans (the no-op implementation, or
     * Liberty's with {@code otel.sdk.disabled=true}), so an idle telemetry feature costs nothing per
     * message; otherwise tracing through it.
     */
    public static Tracing of(OpenTelemetry openTelemetry, String system) {
        OpenTelemetryTracing tracing = new OpenTelemetryTracing(openTelemetry, system);
        return tracing.records() ? tracing : OFF;
    }

    @Override
    public Streams traced(Streams streams) {
        return new TracedStreams(streams, tracer, system);
    }

    @Override
    public EventStream traced(EventStream stream) {
        return new TracedEventStream(stream, new MessagingSpans(tracer, system, stream.identity().toString()));
    }

    @Override
    public Scope continueFrom(UnaryOperator<String> headers) {
        Context current = Context.current();
        if (Span.fromContext(current).getSpanContext().isValid()) {
            return Scope.noop();
        }
        Context remote = TraceContext.fromHeaders(current, headers);
        return remote == current ? Scope.noop() : remote.makeCurrent();
    }

    @Override
    public String toString() {
        return "OpenTelemetry tracing (" + system + ")";
    }

    /** Whether the tracer hands out spans with valid contexts: a started span that is never ended. */
    private boolean records() {
        return tracer.spanBuilder("tributary.tracing.probe").startSpan().getSpanContext().isValid();
    }
}
