package io.tributary.stream.jms;

import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The thread on which a {@link JmsProducer} sends again what a failover interrupted (a completion
 * listener must not use its session). Started on the first resend, so producers that never see a
 * failover own no thread; each resend waits {@value #DELAY_MILLIS} ms, so a connection that keeps
 * failing is not hammered. At most one task per unconfirmed message is queued (the producer's in-flight
 * window bounds them). Thread-safe; {@link #close} is idempotent and drops queued resends, whose
 * messages the producer fails as closed.
 */
final class Resends implements AutoCloseable {

    private static final long DELAY_MILLIS = 50;

    private final String threadName;
    private ScheduledExecutorService executor;
    private boolean closed;

    Resends(String threadName) {
        this.threadName = threadName;
    }

    /** Runs {@code resend} soon on the resend thread; false if closed (the caller fails the send instead). */
    synchronized boolean submit(Runnable resend) {
        if (closed) {
            return false;
        }
        if (executor == null) {
            ScheduledThreadPoolExecutor e = new ScheduledThreadPoolExecutor(1, r -> {
                Thread t = new Thread(r, threadName);
                t.setDaemon(true);
                return t;
            });
            e.setRemoveOnCancelPolicy(true);
            executor = e;
        }
        try {
            executor.schedule(resend, DELAY_MILLIS, TimeUnit.MILLISECONDS);
            return true;
        } catch (RejectedExecutionException e) {
            return false;
        }
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (executor != null) {
            executor.shutdownNow();
        }
    }
}
