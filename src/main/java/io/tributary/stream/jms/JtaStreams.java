package io.tributary.stream.jms;

import io.tributary.connection.JtaEnlistment;
import io.tributary.stream.Consumer;
import io.tributary.stream.ConsumerOptions;
import io.tributary.stream.Producer;
import io.tributary.stream.ProducerOptions;
import io.tributary.stream.StreamName;
import io.tributary.stream.Streams;
import io.tributary.stream.Subscription;
import io.tributary.stream.support.ForwardingStreams;

import java.util.Objects;

/**
 * {@link JmsStreams} whose producers, publishers and consumers take part in the caller's JTA transaction
 * when there is one (container-managed mode with an XA-capable connection factory; see
 * {@link JtaConsumer} and {@link JtaProducer} for what ack, nack, send and rollback mean there), and work
 * as ordinary JMS streams when there is none. Subscribers, stores and backlogs are the delegate's: they
 * never enlist. Thread-safe; {@link #close()} closes the delegate.
 */
public final class JtaStreams extends ForwardingStreams {

    private final JmsStreams jms;
    private final JtaEnlistment jta;

    /** Streams over {@code jms} that enlist through {@code jta}. */
    public JtaStreams(JmsStreams jms, JtaEnlistment jta) {
        super(jms);
        this.jms = jms;
        this.jta = Objects.requireNonNull(jta, "jta must not be null");
    }

    @Override
    public Producer producer(String stream, ProducerOptions options) {
        return new JtaProducer(jms.producer(stream, options), new ProducerTarget(stream, false), options, jta);
    }

    @Override
    public Producer publisher(String topic, ProducerOptions options) {
        return new JtaProducer(jms.publisher(topic, options), new ProducerTarget(topic, true), options, jta);
    }

    @Override
    public Consumer consumer(String stream, ConsumerOptions options) {
        StreamName.check(stream);
        Objects.requireNonNull(options, "options must not be null");
        return new JtaConsumer(stream, jms.deadLetterStream(stream), options,
                jms.defaultProducerOptions().maxMessageBytes(), jta, () -> jms.consumer(stream, options),
                () -> jms.backlog(stream));
    }

    @Override
    public Consumer subscriber(Subscription subscription, ConsumerOptions options) {
        return jms.subscriber(subscription, options);
    }
}
