package io.tributary.stream;

import java.util.List;

/**
 * A named, durable collection of messages: add, delete by id, flush (remove all), list.
 *
 * <p>After the go-streamprocessor store: a place to park messages (for example failed ones) and look at
 * them later. {@link #add} returns once the message is durable. {@link #list} returns a snapshot in
 * the order of the last add of each id and reads every message, so keep stores small. Thread safety: safe for many threads.
 */
public interface Store extends AutoCloseable {

    /** The store's name. */
    String name();

    /**
     * Adds a message; returns once it is durably stored. A store holds one entry per id: adding a message
     * whose id the store holds replaces that entry, and the message moves to the end of {@link #list}.
     * An id deleted or flushed can be added again.
     */
    void add(Message message);

    /**
     * Deletes the message with the id of {@code message}.
     *
     * @return whether a message was deleted
     */
    boolean delete(Message message);

    /**
     * Removes every message.
     *
     * @return how many were removed
     */
    int flush();

    /** A snapshot of the messages, oldest first. */
    List<Message> list();

    /** Releases the store's resources; its messages stay. */
    @Override
    void close();
}
