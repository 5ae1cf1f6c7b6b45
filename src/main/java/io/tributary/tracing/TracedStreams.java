package io.tributary.tracing;

import io.opentelemetry.api.trace.Tracer;
import io.tributary.stream.Consumer;
import io.tributary.stream.ConsumerOptions;
import io.tributary.stream.Producer;
import io.tributary.stream.ProducerOptions;
import io.tributary.stream.Streams;
import io.tributary.stream.Subscription;
import io.tributary.stream.support.ForwardingStreams;
import java.util.Objects;

/**
 * {@link Streams} whose producers ({@link TracedProducer}) and consumers ({@link TracedConsumer}),
 * publishers and subscribers included, record messaging spans; a topic's sends are named after the
 * topic, a subscription's receives after its stream ({@link Subscription#stream()}). Stores are not
 * traced. Thread safety as the delegate's; closing closes the delegate.
 */
final class TracedStreams extends ForwardingStreams {

    private final Tracer tracer;
    private final String system;

    /**
     * @param system the {@code messaging.system} attribute of every span ({@code activemq}, ...)
     */
    TracedStreams(Streams delegate, Tracer tracer, String system) {
        super(delegate);
        this.tracer = Objects.requireNonNull(tracer, "tracer must not be null");
        this.system = Objects.requireNonNull(system, "system must not be null");
    }

    @Override
    public Producer producer(String stream, ProducerOptions options) {
        return new TracedProducer(delegate().producer(stream, options), spans(stream));
    }

    @Override
    public Consumer consumer(String stream, ConsumerOptions options) {
        Objects.requireNonNull(options, "options must not be null");
        return new TracedConsumer(delegate().consumer(stream, options), spans(stream), options.redelivery());
    }

    @Override
    public Producer publisher(String topic, ProducerOptions options) {
        return new TracedProducer(delegate().publisher(topic, options), spans(topic));
    }

    @Override
    public Consumer subscriber(Subscription subscription, ConsumerOptions options) {
        Objects.requireNonNull(options, "options must not be null");
        Consumer consumer = delegate().subscriber(subscription, options);
        return new TracedConsumer(consumer, spans(subscription.stream()), options.redelivery());
    }

    @Override
    public String toString() {
        return "traced " + delegate();
    }

    private MessagingSpans spans(String stream) {
        return new MessagingSpans(tracer, system, stream);
    }
}
