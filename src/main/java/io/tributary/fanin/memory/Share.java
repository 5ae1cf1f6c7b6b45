package io.tributary.fanin.memory;

import io.tributary.broker.support.Timeouts;
import io.tributary.fanin.Emitter;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** One source's share of one subscription: the {@link Emitter} its source writes to. */
final class Share<T> implements Emitter<T> {

    private final SubscriptionBuffer<T> buffer;
    private final CountDownLatch cancelled = new CountDownLatch(1);

    Share(SubscriptionBuffer<T> buffer) {
        this.buffer = buffer;
    }

    @Override
    public boolean emit(T item) throws InterruptedException {
        return buffer.put(this, item);
    }

    @Override
    public boolean isCancelled() {
        return cancelled.getCount() == 0;
    }

    @Override
    public boolean awaitCancelled(Duration timeout) throws InterruptedException {
        return cancelled.await(Timeouts.nanos(timeout), TimeUnit.NANOSECONDS);
    }

    /** Cancels this share; its buffer wakes a waiting emit. */
    void cancel() {
        buffer.cancel(this);
    }

    /** Called by the buffer under its lock. */
    void markCancelled() {
        cancelled.countDown();
    }
}
