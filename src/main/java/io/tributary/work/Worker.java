package io.tributary.work;

/**
 * Does the work of one {@link WorkerPool} thread: processes one operation at a time.
 *
 * <p><b>Failure.</b> If {@link #process} throws (anything, checked or not, {@code Error}s included), the
 * attempt failed: the operation is retried, by a worker of the same kind, after the pool's backoff, until
 * its retry limit; then it is reported failed with that last error. The pool cannot tell a bad operation
 * from a broken worker, so it assumes both: the worker that threw is closed and replaced by a fresh
 * one from its {@link WorkerFactory} before its executor task takes the next operation.
 *
 * <p><b>Thread safety.</b> A worker is used by one thread at a time, but not always the same thread;
 * it needs no synchronization of its own. {@link #close()} is called once, after its last operation.
 *
 * @param <T> the payload type
 * @param <R> the result type
 */
@FunctionalInterface
public interface Worker<T, R> extends AutoCloseable {

    /**
     * Processes one attempt of an operation.
     *
     * @return the result, which completes the operation
     * @throws Exception to fail this attempt
     */
    R process(Operation<T> operation) throws Exception;

    /** Releases what the worker holds. Called once; exceptions are logged and ignored. */
    @Override
    default void close() throws Exception {
    }
}
