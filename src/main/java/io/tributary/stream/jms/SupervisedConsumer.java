package io.tributary.stream.jms;

import io.tributary.stream.Consumer;
import io.tributary.stream.ConsumerOptions;
import io.tributary.stream.Message;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The {@link Consumer} that {@link JmsStreams} hands out: a {@link JmsConsumer} on the live connection,
 * re-opened after the {@link ConnectionSupervisor} re-created it.
 *
 * <p>A batch received on a connection that then failed for good cannot be committed any more: settling
 * it throws a {@link io.tributary.stream.StreamException} and the broker delivers the whole batch again
 * (the consumer's at-least-once contract); the next {@link #receive} opens a consumer on the new
 * connection. While there is no connection, {@code receive} waits for one for at most its
 * {@code wait} and returns an empty batch if none came, so a receive loop neither fails nor spins during
 * an outage. Settlement goes to the consumer that handed the batch out. Thread safety: as
 * {@link JmsConsumer}.
 */
final class SupervisedConsumer implements Consumer {

    private final String stream;
    private final ConsumerOptions options;
    private final Reopening<JmsConsumer> consumer;
    private final Runnable onClose;
    private volatile JmsConsumer batchOwner;

    SupervisedConsumer(String stream, ConsumerOptions options, Reopening<JmsConsumer> consumer, Runnable onClose) {
        this.stream = stream;
        this.options = options;
        this.consumer = consumer;
        this.onClose = onClose;
    }

    @Override
    public String stream() {
        return stream;
    }

    @Override
    public List<Message> receive(int max, Duration wait) throws InterruptedException {
        ConsumerOptions.checkReceive(max, wait);
        long deadline = System.nanoTime() + wait.toNanos();
        Optional<JmsConsumer> current = consumer.current(wait);
        if (current.isEmpty()) {
            return List.of();
        }
        batchOwner = current.get();
        return current.get().receive(max, Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
    }

    @Override
    public List<Message> receive() throws InterruptedException {
        return receive(options.batchSize(), options.receiveWait());
    }

    @Override
    public void ack(Message message) {
        owner(message).ack(message);
    }

    @Override
    public void nack(Message message, String reason) {
        owner(message).nack(message, reason);
    }

    @Override
    public long backlog() {
        return consumer.current().backlog();
    }

    @Override
    public void close() {
        try {
            consumer.close();
        } finally {
            onClose.run();
        }
    }

    private JmsConsumer owner(Message message) {
        JmsConsumer owner = batchOwner;
        if (owner == null) {
            throw new IllegalArgumentException("message " + message.id() + " was not received by this consumer of"
                    + " stream '" + stream + "'");
        }
        return owner;
    }

    @Override
    public String toString() {
        return "consumer of stream '" + stream + "'";
    }
}
