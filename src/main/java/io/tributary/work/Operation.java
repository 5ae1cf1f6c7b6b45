package io.tributary.work;

import java.util.Objects;

/**
 * One attempt at a unit of work: the payload a {@link WorkerPool} was given, with its try count.
 *
 * <p>The pool hands a worker a new {@code Operation} for every attempt: {@link #tries()} is 1 on the
 * first attempt and grows by one per retry; {@link #lastError()} is what the previous attempt threw
 * ({@code null} on the first). The {@link #id()} is the same for every attempt of one submission.
 * Immutable and thread-safe if the payload is.
 *
 * @param id        unique per submission within one pool, 1 and above; 0 for a payload never accepted
 * @param payload   what to work on, never {@code null}
 * @param tries     the attempt this operation is: 1 for the first, 0 for one that was never started
 * @param lastError what the previous attempt threw, or {@code null}
 * @param <T>       the payload type
 */
public record Operation<T>(long id, T payload, int tries, Throwable lastError) {

    /** Validates the components and names the bad one. */
    public Operation {
        if (id < 0) {
            throw new IllegalArgumentException("operation id " + id + " is not allowed: use 0 (never accepted) or more");
        }
        Objects.requireNonNull(payload, "payload must not be null");
        if (tries < 0) {
            throw new IllegalArgumentException("tries " + tries + " is not allowed: use 0 (never started) or more");
        }
    }

    /** The first attempt at {@code payload}. */
    public static <T> Operation<T> first(long id, T payload) {
        return new Operation<>(id, payload, 1, null);
    }

    /** The next attempt, after this one failed with {@code error}. */
    public Operation<T> retry(Throwable error) {
        return new Operation<>(id, payload, tries + 1, Objects.requireNonNull(error, "error must not be null"));
    }
}
