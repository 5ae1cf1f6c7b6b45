package io.tributary.stream.support;

import io.tributary.stream.Consumer;
import io.tributary.stream.Handling;
import io.tributary.stream.Message;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * The base of a {@link Consumer} decorator: every call goes to the delegate unchanged; a subclass
 * overrides what it decorates. The contract, thread safety included, is the delegate's.
 */
public abstract class ForwardingConsumer implements Consumer {

    private final Consumer delegate;

    protected ForwardingConsumer(Consumer delegate) {
        this.delegate = Objects.requireNonNull(delegate, "delegate must not be null");
    }

    /** The decorated consumer. */
    protected final Consumer delegate() {
        return delegate;
    }

    @Override
    public String stream() {
        return delegate.stream();
    }

    @Override
    public List<Message> receive(int max, Duration wait) throws InterruptedException {
        return delegate.receive(max, wait);
    }

    @Override
    public List<Message> receive() throws InterruptedException {
        return delegate.receive();
    }

    @Override
    public void ack(Message message) {
        delegate.ack(message);
    }

    @Override
    public void nack(Message message, String reason) {
        delegate.nack(message, reason);
    }

    @Override
    public Handling handling(Message message) {
        return delegate.handling(message);
    }

    @Override
    public long backlog() {
        return delegate.backlog();
    }

    @Override
    public void close() {
        delegate.close();
    }
}
