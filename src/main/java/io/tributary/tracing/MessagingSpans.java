package io.tributary.tracing;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import java.util.concurrent.CompletionException;

/**
 * Spans of one stream named and attributed after the OpenTelemetry semantic conventions for messaging:
 * {@code "<operation> <stream>"}, {@code messaging.system}, {@code messaging.destination.name},
 * {@code messaging.operation.type} and {@code messaging.operation.name}; failures set status ERROR and
 * {@code error.type}. Thread-safe (immutable).
 */
final class MessagingSpans {

    static final AttributeKey<String> SYSTEM = AttributeKey.stringKey("messaging.system");
    static final AttributeKey<String> DESTINATION = AttributeKey.stringKey("messaging.destination.name");
    static final AttributeKey<String> OPERATION_TYPE = AttributeKey.stringKey("messaging.operation.type");
    static final AttributeKey<String> OPERATION_NAME = AttributeKey.stringKey("messaging.operation.name");
    static final AttributeKey<String> MESSAGE_ID = AttributeKey.stringKey("messaging.message.id");
    static final AttributeKey<Long> BATCH_COUNT = AttributeKey.longKey("messaging.batch.message_count");
    static final AttributeKey<Long> DELIVERY_ATTEMPT = AttributeKey.longKey("tributary.delivery.attempt");
    static final AttributeKey<String> SETTLE_OUTCOME = AttributeKey.stringKey("tributary.settle.outcome");
    static final AttributeKey<String> ERROR_TYPE = AttributeKey.stringKey("error.type");

    /** The operation types of the conventions that Tributary records. */
    enum Operation {
        SEND("send", SpanKind.PRODUCER), RECEIVE("receive", SpanKind.CONSUMER), PROCESS("process", SpanKind.CONSUMER);

        private final String type;
        private final SpanKind kind;

        Operation(String type, SpanKind kind) {
            this.type = type;
            this.kind = kind;
        }
    }

    private final Tracer tracer;
    private final String system;
    private final String stream;

    MessagingSpans(Tracer tracer, String system, String stream) {
        this.tracer = tracer;
        this.system = system;
        this.stream = stream;
    }

    /** A builder of a span of {@code operation} on this stream, with the common attributes set. */
    SpanBuilder builder(Operation operation) {
        return tracer.spanBuilder(operation.type + " " + stream)
                .setSpanKind(operation.kind)
                .setAttribute(SYSTEM, system)
                .setAttribute(DESTINATION, stream)
                .setAttribute(OPERATION_TYPE, operation.type)
                .setAttribute(OPERATION_NAME, operation.type);
    }

    /** Ends {@code span} successfully, or as failed by {@code error} when it is not null. */
    static void end(Span span, Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        if (cause != null) {
            fail(span, cause.getClass().getName(), cause.getMessage());
        }
        span.end();
    }

    /** Marks {@code span} failed with the low-cardinality {@code errorType} and a description. */
    static void fail(Span span, String errorType, String description) {
        span.setAttribute(ERROR_TYPE, errorType);
        span.setStatus(StatusCode.ERROR, description == null ? errorType : description);
    }
}
