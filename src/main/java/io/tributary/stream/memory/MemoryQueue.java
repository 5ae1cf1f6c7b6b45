package io.tributary.stream.memory;

import io.tributary.stream.Message;
import io.tributary.stream.RedeliveryPolicy;
import io.tributary.stream.support.NackOutcome;
import io.tributary.stream.support.Settlement;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One bounded in-memory queue: ready messages in FIFO order, scheduled retries, and the messages held by
 * consumers until their batch commits.
 *
 * <p>Capacity counts all three; producers wait for space, while settlement (retries, releases) never
 * waits. Messages with a key held by one consumer are skipped by the others until that consumer's batch
 * commits, which keeps per-key order across consumers. Ids of the last {@value #DUPLICATE_WINDOW}
 * accepted messages are remembered, so a resent message is stored once. A message with a delivery
 * delay waits among the scheduled ones until due; an expired message is dropped when a consumer would
 * take it (it is never handed out). Thread-safe.
 */
final class MemoryQueue implements MemoryTarget {

    /** How many recent ids are remembered for duplicate detection (Artemis' default id cache size). */
    static final int DUPLICATE_WINDOW = 20_000;

    private record Scheduled(long dueNanos, long seq, Message message) {
    }

    private final String name;
    private final int capacity;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final ArrayDeque<Message> ready = new ArrayDeque<>();
    private final PriorityQueue<Scheduled> scheduled = new PriorityQueue<>(
            (a, b) -> a.dueNanos != b.dueNanos ? Long.compare(a.dueNanos, b.dueNanos) : Long.compare(a.seq, b.seq));
    private final Map<String, KeyHold> keyHolds = new HashMap<>();
    private final LinkedHashSet<String> recentIds = new LinkedHashSet<>();
    private long scheduleSeq;
    private int inFlight;

    private static final class KeyHold {
        final Object holder;
        int count;

        KeyHold(Object holder) {
            this.holder = holder;
        }
    }

    MemoryQueue(String name, int capacity) {
        this.name = name;
        this.capacity = capacity;
    }

    @Override
    public String name() {
        return name;
    }

    /**
     * Stores messages atomically once there is room for all, waiting at most {@code wait}.
     *
     * @return false if there was no room in time (nothing was stored)
     */
    @Override
    public boolean offer(List<Message> messages, Duration wait) throws InterruptedException {
        if (messages.size() > capacity) {
            throw new IllegalArgumentException(messages.size() + " messages cannot fit stream '" + name
                    + "' of capacity " + capacity + ": send at most " + capacity + " at once");
        }
        long remaining = wait.toNanos();
        lock.lockInterruptibly();
        try {
            while (size() + messages.size() > capacity) {
                if (remaining <= 0) {
                    return false;
                }
                remaining = changed.awaitNanos(remaining);
            }
            for (Message m : messages) {
                if (recentIds.add(m.id())) {
                    if (recentIds.size() > DUPLICATE_WINDOW) {
                        Iterator<String> oldest = recentIds.iterator();
                        oldest.next();
                        oldest.remove();
                    }
                    enqueue(m);
                }
            }
            changed.signalAll();
            return true;
        } finally {
            lock.unlock();
        }
    }

    private void enqueue(Message m) {
        Message stamped = stamp(m, m.deliveryAttempt());
        if (m.deliveryDelay().isZero()) {
            ready.addLast(stamped);
        } else {
            scheduled.add(new Scheduled(System.nanoTime() + m.deliveryDelay().toNanos(), scheduleSeq++, stamped));
        }
    }

    /** Stores a message regardless of capacity: for dead letters, which must never be refused or lost. */
    void force(Message message) {
        lock.lock();
        try {
            ready.addLast(stamp(message, message.deliveryAttempt()));
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Takes up to {@code max} messages for {@code holder}, waiting until {@code deadline}
     * ({@link System#nanoTime()} scale) for the first.
     */
    List<Message> take(Object holder, int max, long deadline) throws InterruptedException {
        lock.lockInterruptibly();
        try {
            while (true) {
                promoteDue();
                List<Message> batch = takeReady(holder, max);
                long remaining = deadline - System.nanoTime();
                if (!batch.isEmpty() || remaining <= 0) {
                    return batch;
                }
                Scheduled next = scheduled.peek();
                long until = next == null ? remaining : Math.min(remaining, next.dueNanos - System.nanoTime());
                changed.awaitNanos(Math.max(until, 1));
            }
        } finally {
            lock.unlock();
        }
    }

    /** Applies the settlements of a finished batch of {@code holder}. */
    void commit(Object holder, List<Settlement> settlements, RedeliveryPolicy policy, MemoryQueue deadLetters) {
        lock.lock();
        try {
            List<Message> released = new ArrayList<>();
            for (Settlement s : settlements) {
                Message m = s.message();
                unhold(holder, m);
                switch (s.outcome()) {
                    case ACK -> { }
                    case RELEASE -> released.add(stamp(m, m.deliveryAttempt() + 1));
                    case NACK -> {
                        NackOutcome outcome = NackOutcome.of(m, name, s.reason(), policy);
                        if (outcome instanceof NackOutcome.Retry retry) {
                            long due = System.nanoTime() + retry.delay().toNanos();
                            scheduled.add(new Scheduled(due, scheduleSeq++, retry.message()));
                        } else if (outcome instanceof NackOutcome.DeadLetter dead) {
                            deadLetters.force(dead.letter());
                        }
                    }
                    default -> throw new IllegalStateException("unknown outcome " + s.outcome());
                }
            }
            for (int i = released.size() - 1; i >= 0; i--) {
                ready.addFirst(released.get(i));
            }
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Ready, scheduled and held messages: everything not yet acknowledged. */
    long backlog() {
        lock.lock();
        try {
            return size();
        } finally {
            lock.unlock();
        }
    }

    /** A snapshot of the ready messages, oldest first. */
    List<Message> snapshot() {
        lock.lock();
        try {
            return List.copyOf(ready);
        } finally {
            lock.unlock();
        }
    }

    /** Removes the ready message with {@code id}; whether one was there. */
    boolean remove(String id) {
        lock.lock();
        try {
            boolean removed = ready.removeIf(m -> m.id().equals(id));
            changed.signalAll();
            return removed;
        } finally {
            lock.unlock();
        }
    }

    /** Removes every ready message; how many. */
    int clear() {
        lock.lock();
        try {
            int n = ready.size();
            ready.clear();
            changed.signalAll();
            return n;
        } finally {
            lock.unlock();
        }
    }

    private int size() {
        return ready.size() + scheduled.size() + inFlight;
    }

    private Message stamp(Message m, int attempt) {
        if (name.equals(m.consumerTopic()) && m.deliveryAttempt() == attempt && m.deliveryDelay().isZero()) {
            return m;
        }
        return m.toBuilder().consumerTopic(name).deliveryAttempt(attempt).deliveryDelay(Duration.ZERO).build();
    }

    private void promoteDue() {
        long now = System.nanoTime();
        while (!scheduled.isEmpty() && scheduled.peek().dueNanos - now <= 0) {
            ready.addLast(scheduled.poll().message);
        }
    }

    private List<Message> takeReady(Object holder, int max) {
        List<Message> batch = new ArrayList<>(Math.min(max, ready.size()));
        Instant now = Instant.now();
        for (Iterator<Message> it = ready.iterator(); it.hasNext() && batch.size() < max; ) {
            Message m = it.next();
            if (m.isExpired(now)) {
                it.remove();
                changed.signalAll();
            } else if (hold(holder, m)) {
                it.remove();
                batch.add(m);
            }
        }
        inFlight += batch.size();
        return batch;
    }

    private boolean hold(Object holder, Message m) {
        if (m.key() == null) {
            return true;
        }
        KeyHold h = keyHolds.computeIfAbsent(m.key(), k -> new KeyHold(holder));
        if (h.holder != holder) {
            return false;
        }
        h.count++;
        return true;
    }

    private void unhold(Object holder, Message m) {
        inFlight--;
        if (m.key() != null) {
            KeyHold h = keyHolds.get(m.key());
            if (h != null && h.holder == holder && --h.count == 0) {
                keyHolds.remove(m.key());
            }
        }
    }
}
