package io.tributary.stream.support;

import io.tributary.stream.ConsumerOptions;
import io.tributary.stream.ProducerOptions;
import io.tributary.stream.Store;
import io.tributary.stream.Streams;
import java.util.Objects;

/**
 * The base of a {@link Streams} decorator: stores, backlog, dead-letter names, default options and
 * {@link #close()} go to the delegate unchanged; a subclass decorates producers and consumers. The
 * contract, thread safety included, is the delegate's.
 */
public abstract class ForwardingStreams implements Streams {

    private final Streams delegate;

    protected ForwardingStreams(Streams delegate) {
        this.delegate = Objects.requireNonNull(delegate, "delegate must not be null");
    }

    /** The decorated streams. */
    public Streams delegate() {
        return delegate;
    }

    @Override
    public Store store(String name) {
        return delegate.store(name);
    }

    @Override
    public long backlog(String stream) {
        return delegate.backlog(stream);
    }

    @Override
    public String deadLetterStream(String stream) {
        return delegate.deadLetterStream(stream);
    }

    @Override
    public ProducerOptions defaultProducerOptions() {
        return delegate.defaultProducerOptions();
    }

    @Override
    public ConsumerOptions defaultConsumerOptions() {
        return delegate.defaultConsumerOptions();
    }

    @Override
    public void close() {
        delegate.close();
    }
}
