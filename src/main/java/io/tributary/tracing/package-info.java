/**
 * OpenTelemetry tracing of message streams, following the OpenTelemetry semantic conventions for
 * messaging: {@link io.tributary.tracing.Tracing} decorates any {@link io.tributary.stream.Streams} so
 * that sends, receives and the processing of each message become spans, and the W3C trace context
 * travels with every message as the tags {@value io.tributary.tracing.TraceContext#TRACEPARENT} and
 * {@value io.tributary.tracing.TraceContext#TRACESTATE} (JMS string properties on Artemis). Event streams
 * are decorated alike: appends, reads and the handling of each event become spans, and each event
 * carries its append's context ({@link io.tributary.eventstream.EventTrace}).
 * {@link io.tributary.tracing.Tracing#OFF} leaves streams and event streams as they are: without an OpenTelemetry
 * implementation Tributary does no tracing work at all.
 */
package io.tributary.tracing;
