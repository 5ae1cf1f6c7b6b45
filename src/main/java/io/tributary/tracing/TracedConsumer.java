package io.tributary.tracing;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.tributary.stream.Consumer;
import io.tributary.stream.Handling;
import io.tributary.stream.Message;
import io.tributary.stream.RedeliveryPolicy;
import io.tributary.stream.StreamException;
import io.tributary.stream.support.ForwardingConsumer;
import io.tributary.tracing.MessagingSpans.Operation;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * A {@link Consumer} that records, for every non-empty batch, a {@code receive <stream>} span (kind
 * CONSUMER, {@code messaging.batch.message_count}) linked to the creation context of each message that
 * carries one, and for every message a {@code process <stream>} span from its receipt to its settlement:
 * a child of the producer's {@code send} span (or, for a message without trace context, of the receive
 * span), with {@code messaging.message.id} and the attribute {@code tributary.settle.outcome}:
 * {@code ack}, {@code retry} or {@code dead_letter} (a nack; status ERROR, {@code error.type} the
 * outcome, the description the reason), or {@code released} when the consumer closed or a commit failed
 * before the message was settled (then {@code error.type} names the failure). {@link #handling} makes a
 * message's process span current while the application handles it, so the handler's own spans nest under it.
 *
 * <p>Open process spans are held for the current batch only (at most its size) and all are ended by the
 * next failure or {@link #close()}. Thread safety as the delegate's: ack and nack from any thread.
 */
final class TracedConsumer extends ForwardingConsumer {

    private final MessagingSpans spans;
    private final RedeliveryPolicy redelivery;
    private final Map<Message, Span> processing = new IdentityHashMap<>();

    TracedConsumer(Consumer delegate, MessagingSpans spans, RedeliveryPolicy redelivery) {
        super(delegate);
        this.spans = spans;
        this.redelivery = redelivery;
    }

    @Override
    public List<Message> receive(int max, Duration wait) throws InterruptedException {
        Instant start = Instant.now();
        return traced(delegate().receive(max, wait), start);
    }

    @Override
    public List<Message> receive() throws InterruptedException {
        Instant start = Instant.now();
        return traced(delegate().receive(), start);
    }

    @Override
    public void ack(Message message) {
        settle(message, null);
    }

    @Override
    public void nack(Message message, String reason) {
        settle(message, reason);
    }

    /** Makes the message's {@code process} span current until the handling is closed. */
    @Override
    public Handling handling(Message message) {
        Span span;
        synchronized (processing) {
            span = processing.get(message);
        }
        if (span == null) {
            return Handling.NONE;
        }
        Scope scope = span.makeCurrent();
        return scope::close;
    }

    @Override
    public void close() {
        try {
            delegate().close();
        } finally {
            releaseAll(null);
        }
    }

    private List<Message> traced(List<Message> batch, Instant start) {
        if (batch.isEmpty()) {
            return batch;
        }
        List<SpanContext> creators = new ArrayList<>(batch.size());
        SpanBuilder receiving = spans.builder(Operation.RECEIVE)
                .setStartTimestamp(start)
                .setAttribute(MessagingSpans.BATCH_COUNT, (long) batch.size());
        for (Message m : batch) {
            SpanContext creator = TraceContext.of(m);
            creators.add(creator);
            if (creator.isValid()) {
                receiving.addLink(creator);
            }
        }
        Span receive = receiving.startSpan();
        receive.end();
        Context receiveContext = Context.root().with(receive);
        synchronized (processing) {
            for (int i = 0; i < batch.size(); i++) {
                Message m = batch.get(i);
                SpanContext creator = creators.get(i);
                Context parent = creator.isValid() ? Context.root().with(Span.wrap(creator)) : receiveContext;
                processing.put(m, spans.builder(Operation.PROCESS).setParent(parent)
                        .addLink(receive.getSpanContext())
                        .setAttribute(MessagingSpans.MESSAGE_ID, m.id())
                        .setAttribute(MessagingSpans.DELIVERY_ATTEMPT, (long) m.deliveryAttempt())
                        .startSpan());
            }
        }
        return batch;
    }

    /** Settles through the delegate (an ack when {@code reason} is null), then ends the message's span. */
    private void settle(Message message, String reason) {
        try {
            if (reason == null) {
                delegate().ack(message);
            } else {
                delegate().nack(message, reason);
            }
        } catch (StreamException e) {
            releaseAll(e);
            throw e;
        }
        Span span;
        synchronized (processing) {
            span = processing.remove(message);
        }
        if (span == null) {
            return;
        }
        if (reason == null) {
            span.setAttribute(MessagingSpans.SETTLE_OUTCOME, "ack");
        } else {
            String outcome = message.deliveryAttempt() >= redelivery.maxAttempts() ? "dead_letter" : "retry";
            span.setAttribute(MessagingSpans.SETTLE_OUTCOME, outcome);
            MessagingSpans.fail(span, outcome, reason);
        }
        span.end();
    }

    /** Ends every open process span as released, failed by {@code error} when it is not null. */
    private void releaseAll(RuntimeException error) {
        List<Span> open;
        synchronized (processing) {
            open = new ArrayList<>(processing.values());
            processing.clear();
        }
        for (Span span : open) {
            span.setAttribute(MessagingSpans.SETTLE_OUTCOME, "released");
            MessagingSpans.end(span, error);
        }
    }
}
