package io.tributary.work;

import java.util.Objects;

/**
 * How one submitted operation ended: done with a value, or failed with its last error.
 *
 * <p>A failed outcome carries the error of the last attempt and the operation as it was last tried, so
 * {@code operation().tries()} says how many attempts were made (0 when the operation was never
 * started, e.g. refused by a pool that was shutting down). Immutable.
 *
 * @param operation the last attempt
 * @param value     what the worker returned (may be {@code null}); {@code null} when failed
 * @param error     the last attempt's error, {@code null} when done
 * @param <T>       the payload type
 * @param <R>       the result type
 */
public record Outcome<T, R>(Operation<T> operation, R value, Throwable error) {

    /** Checks that the operation is present. */
    public Outcome {
        Objects.requireNonNull(operation, "operation must not be null");
    }

    /** A successful outcome. */
    public static <T, R> Outcome<T, R> done(Operation<T> operation, R value) {
        return new Outcome<>(operation, value, null);
    }

    /** A failed outcome. */
    public static <T, R> Outcome<T, R> failed(Operation<T> operation, Throwable error) {
        return new Outcome<>(operation, null, Objects.requireNonNull(error, "error must not be null"));
    }

    /** The outcome of a payload that was never accepted (id 0, 0 tries), with the refusal as its error. */
    public static <T, R> Outcome<T, R> refused(T payload, Throwable refusal) {
        return failed(new Operation<>(0, payload, 0, null), refusal);
    }

    /** Whether the operation completed without error. */
    public boolean succeeded() {
        return error == null;
    }

    /** The payload of the operation. */
    public T payload() {
        return operation.payload();
    }

    /** The number of attempts made. */
    public int tries() {
        return operation.tries();
    }
}
