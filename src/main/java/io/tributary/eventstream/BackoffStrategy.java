package io.tributary.eventstream;

import java.time.Duration;

/**
 * How long a {@link StreamConsumer} waits before it restarts after a failure. A small named strategy,
 * picked by configuration; {@link ExponentialBackoff} is the default.
 */
@FunctionalInterface
public interface BackoffStrategy {

    /**
     * The delay before the next attempt.
     *
     * @param failures consecutive failures so far, 1 for the first; reset by a successfully handled event
     * @return a zero or positive delay
     */
    Duration delay(int failures);
}
