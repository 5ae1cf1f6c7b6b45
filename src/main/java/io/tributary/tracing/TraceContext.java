package io.tributary.tracing;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapSetter;
import io.tributary.eventstream.Event;
import io.tributary.eventstream.EventTrace;
import io.tributary.stream.Message;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * The W3C trace context (<a href="https://www.w3.org/TR/trace-context/">Trace Context</a>) of a message:
 * written as the tags {@value #TRACEPARENT} and {@value #TRACESTATE} (valid JMS identifiers, so they
 * travel as JMS string properties and other JMS or AMQP clients can read them), read back from them.
 *
 * <p>Reading never throws: a message from a client that sends no trace context, or a malformed one,
 * has the {@linkplain SpanContext#getInvalid() invalid} span context and flows untraced. Stateless and
 * thread-safe.
 */
public final class TraceContext {

    /** The tag, and JMS property, carrying the W3C {@code traceparent}. */
    public static final String TRACEPARENT = Message.TRACEPARENT_TAG;
    /** The tag, and JMS property, carrying the W3C {@code tracestate}. */
    public static final String TRACESTATE = Message.TRACESTATE_TAG;

    private static final W3CTraceContextPropagator W3C = W3CTraceContextPropagator.getInstance();
    private static final List<String> NAMES = List.of(TRACEPARENT, TRACESTATE);

    private static final TextMapGetter<Message> FROM_TAGS = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Message message) {
            return NAMES;
        }

        @Override
        public String get(Message message, String name) {
            return message == null ? null : message.tag(name);
        }
    };

    private static final TextMapGetter<Map<String, String>> FROM_TEXT_TAGS = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Map<String, String> tags) {
            return NAMES;
        }

        @Override
        public String get(Map<String, String> tags, String name) {
            return tags == null ? null : tags.get(name);
        }
    };

    private static final TextMapGetter<UnaryOperator<String>> FROM_HEADERS = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(UnaryOperator<String> headers) {
            return NAMES;
        }

        @Override
        public String get(UnaryOperator<String> headers, String name) {
            return headers == null ? null : headers.apply(name);
        }
    };

    private static final TextMapSetter<Message.Builder> TO_TAGS = (builder, name, value) -> builder.tag(name, value);

    private TraceContext() {
    }

    /**
     * {@code message} carrying the context of {@code span} (replacing any trace context it carried), or
     * {@code message} itself when the span's context is invalid (a no-op tracer).
     */
    public static Message inject(Message message, Span span) {
        if (!span.getSpanContext().isValid()) {
            return message;
        }
        Message.Builder b = message.toBuilder().removeTag(TRACEPARENT).removeTag(TRACESTATE);
        W3C.inject(Context.root().with(span), b, TO_TAGS);
        return b.build();
    }

    /** The span context that created {@code message}, invalid when it carries none or a malformed one. */
    public static SpanContext of(Message message) {
        if (message.tags().isEmpty()) {
            return SpanContext.getInvalid();
        }
        return remote(Context.root(), message, FROM_TAGS);
    }

    /**
     * The span context that created a message, from its tags as text (for the connector:
     * {@code message.unwrap(IncomingMetadata.class).tags()}), invalid when they carry none or a malformed
     * one: parent the spans of an {@code @Incoming} method on it.
     */
    public static SpanContext of(Map<String, String> tags) {
        return remote(Context.root(), tags, FROM_TEXT_TAGS);
    }

    /**
     * The span context that appended {@code event}, invalid when it carries none or a malformed one:
     * parent the spans of its handling on it.
     */
    public static SpanContext of(Event event) {
        return event.trace().isEmpty() ? SpanContext.getInvalid() : of(event.trace().headers());
    }

    /**
     * The context of {@code span} as an event's trace context ({@link EventTrace#NONE} for an invalid
     * span), leaving out a header longer than an event carries ({@value EventTrace#MAX_CHARS} characters).
     */
    static EventTrace eventTrace(Span span) {
        if (!span.getSpanContext().isValid()) {
            return EventTrace.NONE;
        }
        Map<String, String> headers = new HashMap<>();
        W3C.inject(Context.root().with(span), headers, Map::put);
        return EventTrace.lenient(headers.get(TRACEPARENT), headers.get(TRACESTATE));
    }

    /** The remote context of an incoming request's headers on top of {@code parent}, or {@code parent}. */
    static Context fromHeaders(Context parent, UnaryOperator<String> headers) {
        try {
            return W3C.extract(parent, headers, FROM_HEADERS);
        } catch (RuntimeException e) {
            return parent;
        }
    }

    private static <C> SpanContext remote(Context parent, C carrier, TextMapGetter<C> getter) {
        try {
            return Span.fromContext(W3C.extract(parent, carrier, getter)).getSpanContext();
        } catch (RuntimeException e) {
            return SpanContext.getInvalid();
        }
    }
}
