package io.tributary.stream.support;

import io.tributary.stream.Message;
import io.tributary.stream.Producer;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeoutException;

/**
 * The base of a {@link Producer} decorator: every call goes to the delegate unchanged; a subclass
 * overrides what it decorates. The contract, thread safety included, is the delegate's.
 */
public abstract class ForwardingProducer implements Producer {

    private final Producer delegate;

    protected ForwardingProducer(Producer delegate) {
        this.delegate = Objects.requireNonNull(delegate, "delegate must not be null");
    }

    /** The decorated producer. */
    protected final Producer delegate() {
        return delegate;
    }

    @Override
    public String stream() {
        return delegate.stream();
    }

    @Override
    public CompletionStage<Void> send(Message message) throws InterruptedException {
        return delegate.send(message);
    }

    @Override
    public Optional<CompletionStage<Void>> trySend(Message message) {
        return delegate.trySend(message);
    }

    @Override
    public CompletionStage<Void> sendAll(List<Message> messages) throws InterruptedException {
        return delegate.sendAll(messages);
    }

    @Override
    public void flush(Duration timeout) throws InterruptedException, TimeoutException {
        delegate.flush(timeout);
    }

    @Override
    public void close() {
        delegate.close();
    }
}
