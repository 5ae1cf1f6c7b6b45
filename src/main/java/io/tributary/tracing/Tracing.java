package io.tributary.tracing;

import io.opentelemetry.context.Scope;
import io.tributary.eventstream.EventStream;
import io.tributary.stream.Streams;
import java.util.function.UnaryOperator;

/**
 * Where Tributary's tracing hooks in: one decorator over the streams, one over event streams and one
 * scope for incoming requests, so the producer, consumer and event-stream implementations carry no
 * tracing code.
 *
 * <p>{@link #OFF} is the implementation when tracing is not available or not enabled: it returns the
 * streams and event streams unchanged and an empty scope, so the hot paths cost nothing. {@link OpenTelemetryTracing}
 * records spans through an OpenTelemetry {@code Tracer}. Implementations are thread-safe.
 */
public interface Tracing {

    /** No tracing: {@link #traced} returns its argument, {@link #continueFrom} an empty scope. */
    Tracing OFF = new Tracing() {
        @Override
        public Streams traced(Streams streams) {
            return streams;
        }

        @Override
        public EventStream traced(EventStream stream) {
            return stream;
        }

        @Override
        public Scope continueFrom(UnaryOperator<String> headers) {
            return Scope.noop();
        }

        @Override
        public String toString() {
            return "tracing off";
        }
    };

    /**
     * Streams whose producers and consumers record spans (see {@link TracedStreams}); closing them closes
     * {@code streams}.
     */
    Streams traced(Streams streams);

    /**
     * An event stream whose appends and cursors record spans (see {@link TracedEventStream}); closing it
     * closes {@code stream}.
     */
    EventStream traced(EventStream stream);

    /**
     * Makes the W3C trace context of an incoming request current until the returned scope is closed, so
     * the spans started meanwhile (a send) continue the caller's trace. When a span is already current
     * (the server traced the request itself) or the headers carry no valid {@code traceparent}, nothing
     * changes. A malformed header is ignored, never thrown.
     *
     * @param headers the request's header value by (lower-case) name, {@code null} when absent
     */
    Scope continueFrom(UnaryOperator<String> headers);
}
