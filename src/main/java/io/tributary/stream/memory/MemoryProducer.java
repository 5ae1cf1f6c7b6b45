package io.tributary.stream.memory;

import io.tributary.stream.Message;
import io.tributary.stream.Producer;
import io.tributary.stream.ProducerOptions;
import io.tributary.stream.StreamClosedException;
import io.tributary.stream.StreamTimeoutException;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;

/**
 * A producer into a {@link MemoryTarget} (a stream's queue or a topic): a send is confirmed when the
 * message is stored, so there is never anything in flight; back-pressure comes from the capacity of the
 * queue(s). Thread-safe.
 */
final class MemoryProducer implements Producer {

    private final MemoryTarget target;
    private final ProducerOptions options;
    private final Consumer<MemoryProducer> onClose;
    private volatile boolean closed;

    MemoryProducer(MemoryTarget target, ProducerOptions options, Consumer<MemoryProducer> onClose) {
        this.target = target;
        this.options = options;
        this.onClose = onClose;
    }

    @Override
    public String stream() {
        return target.name();
    }

    @Override
    public CompletionStage<Void> send(Message message) throws InterruptedException {
        return sendAll(List.of(stamped(message)));
    }

    @Override
    public Optional<CompletionStage<Void>> trySend(Message message) {
        Message m = stamped(message);
        try {
            return target.offer(List.of(m), Duration.ZERO) ? Optional.of(done()) : Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    @Override
    public CompletionStage<Void> sendAll(List<Message> messages) throws InterruptedException {
        Objects.requireNonNull(messages, "messages must not be null");
        List<Message> batch = new ArrayList<>(messages.size());
        for (Message m : messages) {
            batch.add(stamped(m));
        }
        if (!target.offer(batch, options.sendTimeout())) {
            throw new StreamTimeoutException("stream '" + target.name() + "' stayed full for "
                    + options.sendTimeout() + ": " + batch.size() + " message(s) not sent");
        }
        return done();
    }

    @Override
    public void flush(Duration timeout) {
        // every send is confirmed before it returns
    }

    @Override
    public void close() {
        closed = true;
        onClose.accept(this);
    }

    private Message stamped(Message message) {
        if (closed) {
            throw new StreamClosedException("producer of stream '" + target.name() + "' is closed");
        }
        options.checkSize(message);
        return message.toBuilder().producerTopic(target.name()).build();
    }

    private static CompletionStage<Void> done() {
        return CompletableFuture.completedFuture(null);
    }
}
