package io.tributary.stream.jms;

import io.tributary.stream.Message;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Messages handed to a {@link GroupCommitter} and the stage their sender waits on: one message of a
 * {@code send}, or the messages of a {@code sendAll}, which are {@linkplain #atomic() atomic} (committed
 * together, in a transaction of their own). The stage completes once, when the transaction holding them
 * committed or failed. Identity semantics (each one is a distinct send); thread-safe.
 */
final class PendingSend {

    private final List<Message> messages;
    private final boolean atomic;
    private final CompletableFuture<Void> stage = new CompletableFuture<>();

    private PendingSend(List<Message> messages, boolean atomic) {
        this.messages = messages;
        this.atomic = atomic;
    }

    /** One message of a {@code send}. */
    static PendingSend single(Message message) {
        return new PendingSend(List.of(message), false);
    }

    /** The messages of a {@code sendAll}, all routed or none. */
    static PendingSend atomic(List<Message> messages) {
        return new PendingSend(List.copyOf(messages), true);
    }

    /** The messages to send, in order. */
    List<Message> messages() {
        return messages;
    }

    /** Whether these messages need a transaction of their own. */
    boolean atomic() {
        return atomic;
    }

    /** Completed when the transaction holding these messages committed, or failed. */
    CompletableFuture<Void> stage() {
        return stage;
    }

    /** The key shared by every message of this send, or {@code null} when there is none or they differ. */
    String key() {
        String key = messages.get(0).key();
        for (Message m : messages) {
            if (key == null || !key.equals(m.key())) {
                return null;
            }
        }
        return key;
    }

    /** Names what is pending in errors: the message id, or the size of the atomic batch. */
    String describe() {
        return atomic ? "batch of " + messages.size() + " messages" : "message " + messages.get(0).id();
    }
}
