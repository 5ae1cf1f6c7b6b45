package io.tributary.testing;

import io.tributary.stream.Consumer;
import io.tributary.stream.Message;

import java.time.Duration;
import java.util.List;

/**
 * A {@link Consumer} that passes every call to a real one, for test decorators that observe or change a
 * few calls (counting, fault injection). Thread-safe as the consumer it wraps.
 */
public abstract class ForwardingConsumer implements Consumer {

    private final Consumer delegate;

    /** Forwards to {@code delegate}. */
    protected ForwardingConsumer(Consumer delegate) {
        this.delegate = delegate;
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
    public long backlog() {
        return delegate.backlog();
    }

    @Override
    public void close() {
        delegate.close();
    }
}
