package io.tributary.stream.jms;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One daemon thread that runs the periodic sweeps of every producer of this JVM (failing sends the broker
 * did not confirm in time). A sweep must be quick and must not block; one that throws is logged and runs
 * again at its next period. Cancel the returned future when its owner closes. Thread-safe.
 */
final class Sweeps {

    private static final Logger LOG = Logger.getLogger(Sweeps.class.getName());
    private static final ScheduledExecutorService TIMER = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "tributary-sweeps");
        t.setDaemon(true);
        return t;
    });

    private Sweeps() {
    }

    /** Runs {@code sweep} every {@code period} until the returned future is cancelled. */
    static ScheduledFuture<?> every(Duration period, Runnable sweep) {
        long nanos = period.toNanos();
        return TIMER.scheduleWithFixedDelay(() -> {
            try {
                sweep.run();
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "a periodic sweep failed; it runs again", e);
            }
        }, nanos, nanos, TimeUnit.NANOSECONDS);
    }
}
