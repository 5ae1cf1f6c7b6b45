package io.tributary.broker;

import java.time.Duration;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.fail;

/** Polls a condition until it holds or a deadline passes; never a fixed sleep. */
public final class Deadline {

    private Deadline() {
    }

    /** Waits up to {@code limit} for {@code condition}, failing with {@code what} when it never holds. */
    public static void await(Duration limit, String what, BooleanSupplier condition) throws InterruptedException {
        long end = System.nanoTime() + limit.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                fail("not true within " + limit + ": " + what);
            }
            Thread.sleep(5);
        }
    }
}
