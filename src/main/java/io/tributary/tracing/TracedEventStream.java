package io.tributary.tracing;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.tributary.eventstream.Cursor;
import io.tributary.eventstream.EventStream;
import io.tributary.eventstream.EventTrace;
import io.tributary.eventstream.NewEvent;
import io.tributary.eventstream.RetainedRange;
import io.tributary.eventstream.Retention;
import io.tributary.eventstream.StreamIdentity;
import io.tributary.tracing.MessagingSpans.Operation;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * An {@link EventStream} that records a {@code send <owner>/<name>} span (kind PRODUCER, a child of the
 * caller's current span; {@code messaging.batch.message_count} when the append carries more than one
 * event) per {@link #append}, from the call until it returned (the append is durable) or failed
 * ({@code error.type} the exception class), and appends every event with that span's context as its
 * {@link EventTrace}, which the stream stores with the event. Its cursors are {@link TracedCursor}s.
 * Everything else is the delegate's contract; thread safe as the delegate; closing closes the delegate.
 */
final class TracedEventStream implements EventStream {

    private final EventStream delegate;
    private final MessagingSpans spans;

    TracedEventStream(EventStream delegate, MessagingSpans spans) {
        this.delegate = Objects.requireNonNull(delegate, "delegate must not be null");
        this.spans = spans;
    }

    @Override
    public StreamIdentity identity() {
        return delegate.identity();
    }

    @Override
    public Set<String> eventTypes() {
        return delegate.eventTypes();
    }

    @Override
    public Retention retention() {
        return delegate.retention();
    }

    @Override
    public void append(List<NewEvent> events) {
        SpanBuilder sending = spans.builder(Operation.SEND);
        if (events != null && events.size() > 1) {
            sending.setAttribute(MessagingSpans.BATCH_COUNT, (long) events.size());
        }
        Span span = sending.startSpan();
        try {
            delegate.append(traced(events, TraceContext.eventTrace(span)));
        } catch (RuntimeException e) {
            MessagingSpans.end(span, e);
            throw e;
        }
        span.end();
    }

    @Override
    public Cursor open(long offset, Set<String> types) {
        return new TracedCursor(delegate.open(offset, types), spans);
    }

    @Override
    public long head() {
        return delegate.head();
    }

    @Override
    public RetainedRange retained() {
        return delegate.retained();
    }

    @Override
    public void close() {
        delegate.close();
    }

    @Override
    public String toString() {
        return "traced " + delegate;
    }

    /** {@code events} carrying {@code trace}; what is not a list of events is left for the delegate to refuse. */
    private static List<NewEvent> traced(List<NewEvent> events, EventTrace trace) {
        if (events == null || trace.isEmpty()) {
            return events;
        }
        List<NewEvent> traced = new ArrayList<>(events.size());
        for (NewEvent event : events) {
            traced.add(event == null ? null : event.withTrace(trace));
        }
        return traced;
    }
}
