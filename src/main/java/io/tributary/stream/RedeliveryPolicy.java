package io.tributary.stream;

import java.time.Duration;
import java.util.Optional;

/**
 * What happens to a nacked message: retried with exponential backoff, then dead-lettered.
 *
 * <p>A message that failed on attempt {@code a} is retried after
 * {@code min(maxDelay, initialDelay * multiplier^(a-1))} while {@code a < maxAttempts}; on attempt
 * {@code maxAttempts} it goes to the dead-letter stream. {@code maxAttempts = 1} dead-letters at once.
 *
 * @param maxAttempts  deliveries at most, 1 to 1,000
 * @param initialDelay the delay before the second attempt, 0 to 1 day
 * @param multiplier   the growth of the delay per attempt, 1.0 to 100.0
 * @param maxDelay     the longest delay, at least {@code initialDelay}, at most 1 day
 */
public record RedeliveryPolicy(int maxAttempts, Duration initialDelay, double multiplier, Duration maxDelay) {

    /** The default: 5 attempts, 1 s, doubling, capped at 5 minutes. */
    public static final RedeliveryPolicy DEFAULT =
            new RedeliveryPolicy(5, Duration.ofSeconds(1), 2.0, Duration.ofMinutes(5));

    /** Validates every component and names the bad one. */
    public RedeliveryPolicy {
        Checks.range("maxAttempts", maxAttempts, 1, 1000);
        Checks.notNegative("initialDelay", initialDelay);
        Checks.notNegative("maxDelay", maxDelay);
        Duration oneDay = Duration.ofDays(1);
        if (initialDelay.compareTo(oneDay) > 0 || maxDelay.compareTo(oneDay) > 0) {
            throw new IllegalArgumentException("redelivery delays " + initialDelay + " / " + maxDelay
                    + " are not allowed: use 0 to 1 day");
        }
        if (maxDelay.compareTo(initialDelay) < 0) {
            throw new IllegalArgumentException("maxDelay " + maxDelay + " is below initialDelay " + initialDelay
                    + ": it must be at least the initial delay");
        }
        if (!(multiplier >= 1.0 && multiplier <= 100.0)) {
            throw new IllegalArgumentException("multiplier " + multiplier + " is not allowed: use 1.0 to 100.0");
        }
    }

    /**
     * The delay before retrying a message that failed on {@code attempt}, or empty when it must be
     * dead-lettered instead.
     */
    public Optional<Duration> retryDelay(int attempt) {
        if (attempt >= maxAttempts) {
            return Optional.empty();
        }
        double millis = initialDelay.toMillis() * Math.pow(multiplier, Math.max(0, attempt - 1));
        long capped = (long) Math.min(millis, maxDelay.toMillis());
        return Optional.of(Duration.ofMillis(capped));
    }
}
