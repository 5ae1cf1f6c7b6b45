package io.tributary.work.pipeline;

import io.tributary.stream.Message;

import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Queue;

/**
 * The messages of one batch that have not started, in the order they may start: a message is ready
 * when no earlier message with its key is unfinished. Ready messages come out in batch order. Messages
 * without a key are always ready. Not thread-safe: used by one thread, or under its user's lock (the
 * pipeline here, the Reactive Messaging connector's inbound batches).
 */
public final class KeyedQueue {

    private record Entry(int index, Message message) {
    }

    private final PriorityQueue<Entry> ready = new PriorityQueue<>(Comparator.comparingInt(Entry::index));
    private final Map<String, Queue<Entry>> waiting = new HashMap<>();

    /** The messages of {@code batch}, in receive order. */
    public KeyedQueue(List<Message> batch) {
        for (int i = 0; i < batch.size(); i++) {
            Entry e = new Entry(i, batch.get(i));
            String key = e.message().key();
            if (key == null) {
                ready.add(e);
            } else {
                waiting.computeIfAbsent(key, k -> new ArrayDeque<>()).add(e);
            }
        }
        for (Queue<Entry> line : waiting.values()) {
            ready.add(line.poll());
        }
    }

    /** The next message that may start, or null if none may now. */
    public Message nextReady() {
        Entry e = ready.poll();
        return e == null ? null : e.message();
    }

    /** Records that {@code m} finished: the next message with its key becomes ready. */
    public void finished(Message m) {
        if (m.key() == null) {
            return;
        }
        Queue<Entry> line = waiting.get(m.key());
        Entry next = line == null ? null : line.poll();
        if (next != null) {
            ready.add(next);
        }
    }
}
