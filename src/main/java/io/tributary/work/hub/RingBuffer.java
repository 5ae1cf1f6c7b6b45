package io.tributary.work.hub;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * A fixed-capacity FIFO ring of elements with one of two policies for a full ring.
 *
 * <p><b>Blocking</b> ({@link #blocking}): a full ring refuses {@link #offer} and makes {@link #put} wait.
 * <b>Overwriting</b> ({@link #overwriting}): a full ring drops its oldest element to take the new one;
 * the dropped element goes to the drop listener (called on the adding thread, outside the ring's lock)
 * and is counted in {@link #dropped()}. Nothing is ever dropped silently.
 *
 * <p>{@link #close()} takes nothing more and hands back what was left. Thread-safe.
 *
 * @param <E> the element type
 */
public final class RingBuffer<E> {

    /** The largest capacity. */
    public static final int MAX_CAPACITY = 1 << 20;

    private final Object[] ring;
    private final Consumer<? super E> onDrop;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition notEmpty = lock.newCondition();
    private final Condition notFull = lock.newCondition();
    private final AtomicLong dropped = new AtomicLong();
    private int head;
    private int count;
    private volatile boolean closed;

    private RingBuffer(int capacity, Consumer<? super E> onDrop) {
        if (capacity < 1 || capacity > MAX_CAPACITY) {
            throw new IllegalArgumentException("ring capacity " + capacity + " is out of range: use 1 to " + MAX_CAPACITY);
        }
        this.ring = new Object[capacity];
        this.onDrop = onDrop;
    }

    /** A ring that refuses (or makes wait) what does not fit. */
    public static <E> RingBuffer<E> blocking(int capacity) {
        return new RingBuffer<>(capacity, null);
    }

    /** A ring that drops its oldest element for a new one when full, handing it to {@code onDrop}. */
    public static <E> RingBuffer<E> overwriting(int capacity, Consumer<? super E> onDrop) {
        return new RingBuffer<>(capacity, Objects.requireNonNull(onDrop,
                "onDrop must not be null: an overwriting ring reports every element it drops"));
    }

    /**
     * Adds {@code e} if it fits now (an overwriting ring always makes it fit).
     *
     * @return false if the ring is blocking and full, or closed
     */
    public boolean offer(E e) {
        Objects.requireNonNull(e, "element must not be null");
        E drop;
        lock.lock();
        try {
            if (closed || (count == ring.length && onDrop == null)) {
                return false;
            }
            drop = insert(e);
        } finally {
            lock.unlock();
        }
        report(drop);
        return true;
    }

    /**
     * Adds {@code e}, waiting up to {@code timeout} for room in a blocking ring.
     *
     * @return false if there was no room in time, or the ring is closed
     */
    public boolean put(E e, Duration timeout) throws InterruptedException {
        Objects.requireNonNull(e, "element must not be null");
        long nanos = timeout.toNanos();
        E drop;
        lock.lock();
        try {
            while (!closed && count == ring.length && onDrop == null) {
                if (nanos <= 0) {
                    return false;
                }
                nanos = notFull.awaitNanos(nanos);
            }
            if (closed) {
                return false;
            }
            drop = insert(e);
        } finally {
            lock.unlock();
        }
        report(drop);
        return true;
    }

    /** The oldest element, waiting up to {@code timeout}; null if none came in time or the ring is closed and empty. */
    public E poll(Duration timeout) throws InterruptedException {
        long nanos = timeout.toNanos();
        lock.lock();
        try {
            while (count == 0) {
                if (closed || nanos <= 0) {
                    return null;
                }
                nanos = notEmpty.awaitNanos(nanos);
            }
            return removeFirst();
        } finally {
            lock.unlock();
        }
    }

    /** Takes nothing more; returns the elements left, oldest first, and empties the ring. Idempotent. */
    public List<E> close() {
        lock.lock();
        try {
            closed = true;
            List<E> left = new ArrayList<>(count);
            while (count > 0) {
                left.add(removeFirst());
            }
            notEmpty.signalAll();
            notFull.signalAll();
            return left;
        } finally {
            lock.unlock();
        }
    }

    /** Whether {@link #close()} was called. */
    public boolean isClosed() {
        return closed;
    }

    /** Elements in the ring now. */
    public int size() {
        lock.lock();
        try {
            return count;
        } finally {
            lock.unlock();
        }
    }

    /** The fixed capacity. */
    public int capacity() {
        return ring.length;
    }

    /** How many elements an overwriting ring dropped. */
    public long dropped() {
        return dropped.get();
    }

    /** Appends under the lock; returns the element dropped to make room, if any. */
    private E insert(E e) {
        E drop = count == ring.length ? removeFirst() : null;
        ring[(head + count) % ring.length] = e;
        count++;
        notEmpty.signal();
        return drop;
    }

    private void report(E drop) {
        if (drop != null) {
            dropped.incrementAndGet();
            onDrop.accept(drop);
        }
    }

    @SuppressWarnings("unchecked")
    private E removeFirst() {
        E e = (E) ring[head];
        ring[head] = null;
        head = (head + 1) % ring.length;
        count--;
        notFull.signal();
        return e;
    }
}
