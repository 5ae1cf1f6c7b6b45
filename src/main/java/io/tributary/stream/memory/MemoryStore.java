package io.tributary.stream.memory;

import io.tributary.stream.Message;
import io.tributary.stream.Store;
import io.tributary.stream.StreamException;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An in-memory {@link Store}: messages by id in the order of their last add, at most {@code capacity}; an add
 * of an id held replaces that entry (it moves to the end). Thread-safe.
 */
final class MemoryStore implements Store {

    private final String name;
    private final int capacity;
    private final Map<String, Message> messages = new LinkedHashMap<>();

    MemoryStore(String name, int capacity) {
        this.name = name;
        this.capacity = capacity;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public synchronized void add(Message message) {
        Objects.requireNonNull(message, "message must not be null");
        if (messages.size() >= capacity && !messages.containsKey(message.id())) {
            throw new StreamException("store '" + name + "' holds its capacity of " + capacity
                    + " messages: delete or flush some first");
        }
        messages.remove(message.id());
        messages.put(message.id(), message);
    }

    @Override
    public synchronized boolean delete(Message message) {
        Objects.requireNonNull(message, "message must not be null");
        return messages.remove(message.id()) != null;
    }

    @Override
    public synchronized int flush() {
        int n = messages.size();
        messages.clear();
        return n;
    }

    @Override
    public synchronized List<Message> list() {
        return List.copyOf(messages.values());
    }

    @Override
    public void close() {
        // the messages stay for the next user of this store
    }
}
