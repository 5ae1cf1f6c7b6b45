package io.tributary.broker.support;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** Checks the timeouts callers pass, naming the bad value. */
public final class Timeouts {

    private Timeouts() {
    }

    /**
     * The timeout in nanoseconds (saturating at {@link Long#MAX_VALUE}).
     *
     * @throws IllegalArgumentException if {@code timeout} is null or negative
     */
    public static long nanos(Duration timeout) {
        if (timeout == null || timeout.isNegative()) {
            throw new IllegalArgumentException("timeout " + timeout + " is not allowed: use zero or a positive duration");
        }
        return TimeUnit.NANOSECONDS.convert(timeout);
    }
}
