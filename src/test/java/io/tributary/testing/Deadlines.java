package io.tributary.testing;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Polls a condition until it holds or a deadline passes (never a fixed sleep deciding the outcome). */
public final class Deadlines {

    private static final long POLL_MILLIS = 20;

    private Deadlines() {
    }

    /** Waits until {@code condition} holds; fails with {@code what} after {@code deadline}. */
    public static void await(BooleanSupplier condition, Duration deadline, String what) throws InterruptedException {
        await(condition, deadline, () -> what);
    }

    /** Waits until {@code condition} holds; fails with what {@code what} says then, after {@code deadline}. */
    public static void await(BooleanSupplier condition, Duration deadline, Supplier<String> what)
            throws InterruptedException {
        long end = System.nanoTime() + deadline.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - end > 0) {
                throw new AssertionError("not within " + deadline + ": " + what.get());
            }
            Thread.sleep(POLL_MILLIS);
        }
    }
}
