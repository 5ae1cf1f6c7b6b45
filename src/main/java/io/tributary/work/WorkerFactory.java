package io.tributary.work;

/**
 * Makes workers of one kind and says which payloads that kind accepts.
 *
 * <p>A pool routes each submitted payload to the first kind (in the order the kinds were added) whose
 * {@link #accepts} returns true; a payload no kind accepts is refused with an
 * {@link IllegalArgumentException} naming it and the kinds. {@code accepts} must depend on the payload
 * alone and be safe to call from any thread; it is called once per submission.
 *
 * @param <T> the payload type
 * @param <R> the result type
 */
@FunctionalInterface
public interface WorkerFactory<T, R> {

    /**
     * A new worker. Called when the pool starts and whenever a worker of this kind is replaced.
     *
     * @throws Exception if the worker cannot be made; at start the pool then fails to start, on a
     *                   replacement it tries again after its backoff
     */
    Worker<T, R> create() throws Exception;

    /** Whether workers of this kind take {@code payload}. All payloads by default. */
    default boolean accepts(T payload) {
        return true;
    }
}
