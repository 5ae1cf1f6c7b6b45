package io.tributary.work.executor;

import io.tributary.work.Worker;
import io.tributary.work.WorkerFactory;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.DelayQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One kind of worker in a pool: its factory, its worker count and the queue its workers take from.
 *
 * <p>The queue holds first attempts (due at once) and retries (due after their backoff). It has no
 * capacity of its own: the pool's permits bound every lane's queue together.
 */
final class Lane<T, R> {

    private final String kind;
    private final int count;
    private final WorkerFactory<T, R> factory;
    private final DelayQueue<Scheduled<T, R>> queue = new DelayQueue<>();
    private final AtomicInteger loops = new AtomicInteger();
    private final CountDownLatch stopped = new CountDownLatch(1);

    Lane(String kind, int count, WorkerFactory<T, R> factory) {
        this.kind = kind;
        this.count = count;
        this.factory = factory;
    }

    String kind() {
        return kind;
    }

    int count() {
        return count;
    }

    boolean accepts(T payload) {
        return factory.accepts(payload);
    }

    Worker<T, R> create() throws Exception {
        Worker<T, R> w = factory.create();
        if (w == null) {
            throw new IllegalStateException("worker factory of kind '" + kind + "' returned null");
        }
        return w;
    }

    void put(Scheduled<T, R> entry) {
        queue.add(entry);
    }

    Scheduled<T, R> take() throws InterruptedException {
        return queue.take();
    }

    /** Ends every loop of this lane once the entries before the signals are taken. */
    void stop() {
        stopped.countDown();
        for (int i = 0; i < count; i++) {
            queue.add(Scheduled.stop());
        }
    }

    /** Waits up to {@code nanos} for {@link #stop()}; true if the lane was stopped. */
    boolean awaitStop(long nanos) throws InterruptedException {
        return stopped.await(nanos, TimeUnit.NANOSECONDS);
    }

    void loopStarted() {
        loops.incrementAndGet();
    }

    /** Counts a loop gone; returns how many are left. */
    int loopEnded() {
        return loops.decrementAndGet();
    }

    /** Removes and returns every operation still queued (for a lane left without loops). */
    List<Scheduled<T, R>> drain() {
        List<Scheduled<T, R>> out = new ArrayList<>();
        for (Iterator<Scheduled<T, R>> it = queue.iterator(); it.hasNext(); ) {
            Scheduled<T, R> entry = it.next();
            it.remove();
            if (!entry.isStop()) {
                out.add(entry);
            }
        }
        return out;
    }
}
