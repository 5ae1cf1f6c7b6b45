package io.tributary.metrics;

import java.time.Duration;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;
import java.util.logging.Logger;

/**
 * A backlog gauge that asks the broker at most once per refresh interval and never blocks a reader on
 * the broker: while one reader refreshes, the others get the last value; while the broker is not
 * reachable (or a read fails), the last value stays. -1 until the first successful read. Thread-safe.
 */
final class BacklogGauge implements LongSupplier {

    private static final Logger LOG = Logger.getLogger(BacklogGauge.class.getName());

    private final LongSupplier read;
    private final BooleanSupplier reachable;
    private final long refreshNanos;
    private final ReentrantLock refreshing = new ReentrantLock();
    private volatile long value = -1;
    private volatile long readAt;
    private volatile boolean everRead;

    BacklogGauge(LongSupplier read, BooleanSupplier reachable, Duration refresh) {
        this.read = read;
        this.reachable = reachable;
        this.refreshNanos = refresh.toNanos();
    }

    @Override
    public long getAsLong() {
        long now = System.nanoTime();
        if ((!everRead || now - readAt >= refreshNanos) && reachable.getAsBoolean() && refreshing.tryLock()) {
            try {
                value = read.getAsLong();
            } catch (RuntimeException e) {
                LOG.fine(() -> "backlog read failed, keeping " + value + ": " + e);
            } finally {
                readAt = now;
                everRead = true;
                refreshing.unlock();
            }
        }
        return value;
    }
}
