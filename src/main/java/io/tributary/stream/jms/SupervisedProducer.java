package io.tributary.stream.jms;

import io.tributary.stream.Message;
import io.tributary.stream.Producer;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeoutException;

/**
 * The {@link Producer} that {@link JmsStreams} hands out: a {@link JmsProducer} (or, with group commit, a
 * {@link GroupCommitProducer}) on the live connection,
 * re-opened after the {@link ConnectionSupervisor} re-created it. Sends still unconfirmed when the old
 * connection failed complete exceptionally; resending them is safe (duplicate detection). While there is
 * no connection, sends throw a {@link io.tributary.stream.StreamException} naming the connection state.
 * Thread safety: as the producer it holds.
 */
final class SupervisedProducer implements Producer {

    private final String stream;
    private final Reopening<Producer> producer;
    private final Runnable onClose;

    SupervisedProducer(String stream, Reopening<Producer> producer, Runnable onClose) {
        this.stream = stream;
        this.producer = producer;
        this.onClose = onClose;
    }

    @Override
    public String stream() {
        return stream;
    }

    @Override
    public CompletionStage<Void> send(Message message) throws InterruptedException {
        return producer.current().send(message);
    }

    @Override
    public Optional<CompletionStage<Void>> trySend(Message message) {
        return producer.current().trySend(message);
    }

    @Override
    public CompletionStage<Void> sendAll(List<Message> messages) throws InterruptedException {
        return producer.current().sendAll(messages);
    }

    @Override
    public void flush(Duration timeout) throws InterruptedException, TimeoutException {
        Optional<Producer> held = producer.held();
        if (held.isPresent()) {
            held.get().flush(timeout);
        }
    }

    @Override
    public void close() {
        try {
            producer.close();
        } finally {
            onClose.run();
        }
    }

    @Override
    public String toString() {
        return "producer to stream '" + stream + "'";
    }
}
