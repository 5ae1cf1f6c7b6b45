package io.tributary.bench;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts messages handed to a listener-style peer (Spring's container, the SmallRye connector) and turns them
 * into a rate from the first message to the last one handled within a time limit, so a slow peer costs at most
 * that limit and container start-up is not counted. Safe for the listener threads and the harness thread.
 */
final class ListenerProgress {

    private final int expected;
    private final CountDownLatch remaining;
    private final AtomicLong firstNanos = new AtomicLong();
    private final AtomicLong lastNanos = new AtomicLong();

    ListenerProgress(int expected) {
        this.expected = expected;
        this.remaining = new CountDownLatch(expected);
    }

    /** Called by the listener for each message. */
    void handled() {
        long now = System.nanoTime();
        firstNanos.compareAndSet(0, now);
        lastNanos.set(now);
        remaining.countDown();
    }

    /**
     * Waits until every expected message was handled or {@code seconds} passed, and returns the rate over the
     * messages handled so far; fails if fewer than two were handled.
     */
    Measurement await(int seconds) throws InterruptedException {
        remaining.await(seconds, TimeUnit.SECONDS);
        long done = expected - remaining.getCount();
        if (done < 2) {
            throw new IllegalStateException("only " + done + " of " + expected + " messages handled within " + seconds + " s");
        }
        return Measurement.of((done - 1) * 1e9 / (lastNanos.get() - firstNanos.get()))
                .withNote(done + " of " + expected + " messages within the " + seconds + " s limit");
    }
}
