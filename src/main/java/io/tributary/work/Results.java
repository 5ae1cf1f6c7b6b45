package io.tributary.work;

import java.util.Iterator;
import java.util.concurrent.CancellationException;

/**
 * The outcomes of a {@link WorkerPool#wrap wrapped} input, in completion order.
 *
 * <p>{@link #hasNext()} feeds the pool from the input until the window is full, then blocks until an
 * outcome is ready; it returns false once the input is exhausted and every outcome was handed out. If
 * the waiting thread is interrupted, both methods restore the interrupt flag and throw
 * {@link CancellationException}. Single-threaded: one consumer reads the results.
 *
 * <p>{@link #close()} stops reading the input; payloads already in the pool still run to their outcome
 * (nothing accepted is lost), but their outcomes are no longer handed out here.
 *
 * @param <T> the payload type
 * @param <R> the result type
 */
public interface Results<T, R> extends Iterator<Outcome<T, R>>, AutoCloseable {

    /** How many payloads of the input are in the pool now. */
    int inFlight();

    /** Stops reading the input. Idempotent. */
    @Override
    void close();
}
