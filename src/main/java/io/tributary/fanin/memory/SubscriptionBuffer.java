package io.tributary.fanin.memory;

import io.tributary.broker.support.Timeouts;
import io.tributary.fanin.Subscription;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * A {@link Subscription}: a bounded buffer that shares put items into and the consumer polls, plus the
 * count of shares still running. Thread-safe.
 */
final class SubscriptionBuffer<T> implements Subscription<T> {

    private final int capacity;
    private final ArrayDeque<T> items;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition notEmpty = lock.newCondition();
    private final Condition notFull = lock.newCondition();
    private final Consumer<SubscriptionBuffer<T>> onClose;
    private int runningShares;
    private boolean closed;

    SubscriptionBuffer(int capacity, Consumer<SubscriptionBuffer<T>> onClose) {
        this.capacity = capacity;
        this.items = new ArrayDeque<>(Math.min(capacity, 1024));
        this.onClose = onClose;
    }

    /** Puts an item unless the share is cancelled, waiting while full; see {@link io.tributary.fanin.Emitter#emit}. */
    boolean put(Share<T> share, T item) throws InterruptedException {
        Objects.requireNonNull(item, "item must not be null");
        lock.lockInterruptibly();
        try {
            while (!share.isCancelled()) {
                if (items.size() < capacity) {
                    items.add(item);
                    notEmpty.signal();
                    return true;
                }
                notFull.await();
            }
            return false;
        } finally {
            lock.unlock();
        }
    }

    /** Cancels a share of this subscription: from now on its puts return false. */
    void cancel(Share<T> share) {
        lock.lock();
        try {
            share.markCancelled();
            notFull.signalAll();
        } finally {
            lock.unlock();
        }
    }

    void shareStarted() {
        lock.lock();
        try {
            runningShares++;
        } finally {
            lock.unlock();
        }
    }

    void shareEnded() {
        lock.lock();
        try {
            runningShares--;
            notEmpty.signalAll();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public Optional<T> poll(Duration timeout) throws InterruptedException {
        long nanos = Timeouts.nanos(timeout);
        lock.lockInterruptibly();
        try {
            while (items.isEmpty()) {
                if (finished() || nanos <= 0) {
                    return Optional.empty();
                }
                nanos = notEmpty.awaitNanos(nanos);
            }
            T item = items.poll();
            notFull.signal();
            return Optional.of(item);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public boolean isDone() {
        lock.lock();
        try {
            return finished() && items.isEmpty();
        } finally {
            lock.unlock();
        }
    }

    private boolean finished() {
        return closed && runningShares == 0;
    }

    @Override
    public void close() {
        lock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            notEmpty.signalAll();
        } finally {
            lock.unlock();
        }
        onClose.accept(this);
    }
}
