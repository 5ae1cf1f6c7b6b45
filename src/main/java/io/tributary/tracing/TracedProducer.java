package io.tributary.tracing;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanContext;
import io.tributary.stream.Message;
import io.tributary.stream.Producer;
import io.tributary.stream.support.ForwardingProducer;
import io.tributary.tracing.MessagingSpans.Operation;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * A {@link Producer} that records a {@code send <stream>} span (kind PRODUCER) per send, a child of the
 * caller's current span, and sends each message with that span's context as its trace-context tags
 * ({@link TraceContext}). The span ends when the send's stage completes: successfully once the broker
 * confirmed, with {@code error.type} when it failed. {@link #sendAll} records one span with
 * {@code messaging.batch.message_count}, and every message of the batch carries its context. A
 * {@link #trySend} refused for a full window ends its span with {@code error.type=window_full}.
 * A message that already carries a trace context (a replayed event, a forwarded message) is sent with
 * the new span's context instead, and the span links to the context it carried. Everything else is the
 * delegate's contract; thread-safe as the delegate.
 */
final class TracedProducer extends ForwardingProducer {

    private final MessagingSpans spans;

    TracedProducer(Producer delegate, MessagingSpans spans) {
        super(delegate);
        this.spans = spans;
    }

    @Override
    public CompletionStage<Void> send(Message message) throws InterruptedException {
        Span span = start(message);
        try {
            return ended(delegate().send(TraceContext.inject(message, span)), span);
        } catch (RuntimeException | InterruptedException e) {
            MessagingSpans.end(span, e);
            throw e;
        }
    }

    @Override
    public Optional<CompletionStage<Void>> trySend(Message message) {
        Span span = start(message);
        Optional<CompletionStage<Void>> sent;
        try {
            sent = delegate().trySend(TraceContext.inject(message, span));
        } catch (RuntimeException e) {
            MessagingSpans.end(span, e);
            throw e;
        }
        if (sent.isEmpty()) {
            MessagingSpans.fail(span, "window_full", "the in-flight window was full: the message was not sent");
            span.end();
        }
        return sent.map(stage -> ended(stage, span));
    }

    @Override
    public CompletionStage<Void> sendAll(List<Message> messages) throws InterruptedException {
        SpanBuilder sending = spans.builder(Operation.SEND).setAttribute(MessagingSpans.BATCH_COUNT, (long) messages.size());
        messages.forEach(m -> linkToCarried(sending, m));
        Span span = sending.startSpan();
        List<Message> traced = new ArrayList<>(messages.size());
        try {
            for (Message m : messages) {
                traced.add(m == null ? null : TraceContext.inject(m, span));
            }
            return ended(delegate().sendAll(traced), span);
        } catch (RuntimeException | InterruptedException e) {
            MessagingSpans.end(span, e);
            throw e;
        }
    }

    private Span start(Message message) {
        Objects.requireNonNull(message, "message must not be null");
        SpanBuilder sending = spans.builder(Operation.SEND).setAttribute(MessagingSpans.MESSAGE_ID, message.id());
        linkToCarried(sending, message);
        return sending.startSpan();
    }

    /** Links the span to the trace context {@code message} already carries (a replayed event, a forwarded message). */
    private static void linkToCarried(SpanBuilder sending, Message message) {
        SpanContext carried = message == null ? SpanContext.getInvalid() : TraceContext.of(message);
        if (carried.isValid()) {
            sending.addLink(carried);
        }
    }

    private static CompletionStage<Void> ended(CompletionStage<Void> stage, Span span) {
        return stage.whenComplete((ok, error) -> MessagingSpans.end(span, error));
    }
}
