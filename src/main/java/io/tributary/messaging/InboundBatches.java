package io.tributary.messaging;

import io.tributary.stream.Consumer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Turns a transacted {@link Consumer} into a pull source of Reactive Messaging messages, one at a time on
 * demand. {@code Message.ack()} acks and {@code nack(reason)} nacks the Tributary message (retry with
 * backoff, dead-letter past the attempts). A new batch is received only once every message of the
 * previous one is settled (the Consumer contract), so at most one batch (at most {@code max-pending}
 * messages) is ever pulled ahead of the application. On crash the unsettled batch is redelivered by the
 * broker. Not thread-safe for {@link #next()}: one subscriber thread pulls; ack/nack may come from any.
 */
final class InboundBatches {

    private final Consumer consumer;
    private final int batchSize;
    private final Deque<io.tributary.stream.Message> pending = new ArrayDeque<>();
    private final Semaphore settled = new Semaphore(0);
    private int outstanding;

    InboundBatches(Consumer consumer, int batchSize) {
        this.consumer = consumer;
        this.batchSize = batchSize;
    }

    /** Blocks until the next message is available; waits for the previous batch to be settled first. */
    Message<Object> next() {
        try {
            while (pending.isEmpty()) {
                settled.acquire(outstanding);
                outstanding = 0;
                pending.addAll(consumer.receive(batchSize, java.time.Duration.ofSeconds(1)));
                outstanding = pending.size();
            }
            return wrap(pending.poll());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while receiving from " + consumer.stream(), e);
        }
    }

    /** Closes the consumer: unsettled messages return to the stream. */
    void close() {
        consumer.close();
    }

    Message<Object> wrap(io.tributary.stream.Message m) {
        Object payload = m.isText() ? m.text() : m.value();
        Map<String, String> tags = new LinkedHashMap<>();
        m.tags().forEach((k, v) -> tags.put(k, new String(v, StandardCharsets.UTF_8)));
        return new TributaryMessage<>(payload, m.key(), tags,
                () -> settle(() -> consumer.ack(m)),
                reason -> settle(() -> consumer.nack(m, reason == null || reason.getMessage() == null
                        ? String.valueOf(reason) : reason.getMessage())));
    }

    private CompletableFuture<Void> settle(Runnable action) {
        try {
            action.run();
            return CompletableFuture.completedFuture(null);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        } finally {
            settled.release();
        }
    }
}
