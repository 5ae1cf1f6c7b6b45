package io.tributary.work;

import java.time.Duration;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.fail;

/** Waits for a condition by polling with a deadline, for tests that must not sleep a fixed time. */
public final class Eventually {

    /** The deadline tests use for things that happen quickly on a healthy machine. */
    public static final Duration PATIENCE = Duration.ofSeconds(20);

    private Eventually() {
    }

    /** Polls {@code condition} every millisecond until it holds; fails naming {@code what} after {@link #PATIENCE}. */
    public static void holds(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                fail(what + ": still not true after " + PATIENCE);
            }
            Thread.sleep(1);
        }
    }

    /** Whether {@code t} is parked waiting (for a lock, a permit or a queue). */
    public static boolean isWaiting(Thread t) {
        Thread.State s = t.getState();
        return s == Thread.State.WAITING || s == Thread.State.TIMED_WAITING;
    }
}
