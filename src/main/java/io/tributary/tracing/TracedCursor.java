package io.tributary.tracing;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.tributary.eventstream.Cursor;
import io.tributary.eventstream.Event;
import io.tributary.eventstream.EventHandling;
import io.tributary.tracing.MessagingSpans.Operation;
import java.time.Instant;
import java.util.Optional;

/**
 * A {@link Cursor} that records a {@code receive <owner>/<name>} span (kind CONSUMER) for every
 * {@link #next} that returns an event (a cursor reads one event at a time), from the call until the event
 * arrived, linked to the context the event was appended with when it carries one; and, for every
 * {@link #handling} scope, a {@code process <owner>/<name>} span that is current while the scope is open
 * and ends when it closes: a child of the appender's {@code send} span (for an event without trace
 * context, of its receive span), linked to the receive span, with {@code tributary.event.offset} and
 * {@code tributary.event.type}; status ERROR and {@code error.type} the exception class when the scope
 * was marked {@linkplain EventHandling#failed failed}.
 *
 * <p>It remembers the receive span of the last event only (nothing grows). One thread at a time, as every
 * cursor; {@link #close()} is the delegate's.
 */
final class TracedCursor implements Cursor {

    static final AttributeKey<Long> OFFSET = AttributeKey.longKey("tributary.event.offset");
    static final AttributeKey<String> TYPE = AttributeKey.stringKey("tributary.event.type");

    private final Cursor delegate;
    private final MessagingSpans spans;
    private volatile Received last;

    TracedCursor(Cursor delegate, MessagingSpans spans) {
        this.delegate = delegate;
        this.spans = spans;
    }

    @Override
    public Optional<Event> next(Instant deadline) {
        Instant start = Instant.now();
        Optional<Event> next = delegate.next(deadline);
        next.ifPresent(event -> last = new Received(event, received(event, start)));
        return next;
    }

    @Override
    public EventHandling handling(Event event) {
        Received received = last;
        SpanContext receive = received != null && received.event == event ? received.receive : SpanContext.getInvalid();
        SpanContext creator = TraceContext.of(event);
        SpanBuilder processing = spans.builder(Operation.PROCESS)
                .setParent(Context.root().with(Span.wrap(creator.isValid() ? creator : receive)))
                .setAttribute(OFFSET, event.offset())
                .setAttribute(TYPE, event.type());
        if (receive.isValid()) {
            processing.addLink(receive);
        }
        Span span = processing.startSpan();
        Scope scope = span.makeCurrent();
        return new EventHandling() {
            @Override
            public void failed(Throwable error) {
                MessagingSpans.fail(span, error.getClass().getName(), error.getMessage());
            }

            @Override
            public void close() {
                scope.close();
                span.end();
            }
        };
    }

    @Override
    public long position() {
        return delegate.position();
    }

    @Override
    public void close() {
        delegate.close();
    }

    private SpanContext received(Event event, Instant start) {
        SpanBuilder receiving = spans.builder(Operation.RECEIVE).setStartTimestamp(start);
        SpanContext creator = TraceContext.of(event);
        if (creator.isValid()) {
            receiving.addLink(creator);
        }
        Span receive = receiving.startSpan();
        receive.end();
        return receive.getSpanContext();
    }

    /** An event and the context of the span that received it. */
    private record Received(Event event, SpanContext receive) {
    }
}
