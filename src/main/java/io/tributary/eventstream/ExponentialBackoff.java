package io.tributary.eventstream;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Exponential backoff with jitter, capped: after the n-th consecutive failure the bound is
 * {@code min(cap, initial * 2^(n-1))}, and the delay is drawn uniformly from {@code [bound/2, bound]}
 * ("equal jitter"), so restarts of many consumers spread out while each one's waits still grow.
 * Immutable and thread safe.
 */
public final class ExponentialBackoff implements BackoffStrategy {

    private final Duration initial;
    private final Duration cap;

    /**
     * A strategy starting at {@code initial} and never exceeding {@code cap}.
     *
     * @throws IllegalArgumentException if either is not positive or {@code cap < initial}
     */
    public ExponentialBackoff(Duration initial, Duration cap) {
        if (initial == null || initial.isNegative() || initial.isZero()) {
            throw new IllegalArgumentException("backoff initial delay " + initial + " is not allowed: use a positive duration");
        }
        if (cap == null || cap.compareTo(initial) < 0) {
            throw new IllegalArgumentException("backoff cap " + cap + " is not allowed: use a duration of at least the initial "
                    + initial);
        }
        this.initial = initial;
        this.cap = cap;
    }

    /** The default: from 100 ms, capped at 30 s. */
    public static ExponentialBackoff defaults() {
        return new ExponentialBackoff(Duration.ofMillis(100), Duration.ofSeconds(30));
    }

    /** The upper bound of the delay after {@code failures} consecutive failures. */
    public Duration bound(int failures) {
        if (failures < 1) {
            throw new IllegalArgumentException("failure count " + failures + " is not allowed: use 1 or more");
        }
        int doublings = Math.min(failures - 1, 62);
        long nanos = initial.toNanos();
        long capNanos = cap.toNanos();
        for (int i = 0; i < doublings && nanos < capNanos; i++) {
            nanos = nanos > capNanos / 2 ? capNanos : nanos * 2;
        }
        return Duration.ofNanos(Math.min(nanos, capNanos));
    }

    @Override
    public Duration delay(int failures) {
        long bound = bound(failures).toNanos();
        return Duration.ofNanos(bound / 2 + ThreadLocalRandom.current().nextLong(bound / 2 + 1));
    }

    @Override
    public String toString() {
        return "ExponentialBackoff[initial=" + initial + ", cap=" + cap + "]";
    }
}
