package io.tributary.work;

import java.time.Duration;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.RejectedExecutionException;

/**
 * Runs operations on a fixed set of workers, with retries, over an executor (in a Jakarta EE container,
 * its {@code ManagedExecutorService}).
 *
 * <p><b>Life cycle.</b> {@link State#NEW} until {@link #start()}, then {@link State#RUNNING}.
 * {@link #shutdown()} moves to {@link State#SHUTTING_DOWN}: new submissions are refused, every operation
 * already accepted (queued, running or waiting for a retry) still runs to its outcome; then the workers
 * are closed, their executor tasks end, and the pool is {@link State#TERMINATED}.
 *
 * <p><b>Bounds.</b> At most {@link #capacity()} operations are accepted and not yet finished at once
 * (queued, running and waiting for a retry together). {@link #submit} waits for room for at most the
 * pool's submit timeout, then refuses; {@link #trySubmit} never waits. The executor is never relied on to
 * bound anything: the pool gives it one long-running task per worker and nothing else.
 *
 * <p><b>Retries.</b> An attempt fails when its worker throws. A failed operation is tried again after an
 * exponential, capped backoff until its retry limit, then its outcome is failed with the last error.
 * Retries of one operation happen one after another; there is no order between different operations.
 *
 * <p><b>Outcomes.</b> Every accepted operation gets exactly one {@link Outcome}, through the stage
 * {@link #submit} returned. Stages complete normally, also for failed operations (look at
 * {@link Outcome#succeeded()}); their dependent actions run on a worker thread unless the caller asks
 * for another executor.
 *
 * <p><b>Thread safety.</b> Every method may be called from any thread.
 *
 * @param <T> the payload type
 * @param <R> the result type
 */
public interface WorkerPool<T, R> {

    /** Where a pool is in its life cycle. */
    enum State { NEW, RUNNING, SHUTTING_DOWN, TERMINATED }

    /** The pool's name, used in logs, errors and thread names. */
    String name();

    /** The current state. */
    State state();

    /**
     * Creates the workers and starts one executor task per worker.
     *
     * @throws IllegalStateException if the pool is not {@link State#NEW} (the message names its state), or
     *                               a worker could not be created (the pool is then terminated)
     * @throws RejectedExecutionException if the executor refused a worker task (the pool is then terminated)
     */
    void start();

    /**
     * Accepts a payload, waiting for room up to the submit timeout.
     *
     * @return a stage completed with the outcome once the operation succeeded or ran out of tries
     * @throws NullPointerException if {@code payload} is null
     * @throws IllegalArgumentException if no worker kind accepts the payload
     * @throws IllegalStateException if the pool is not {@link State#RUNNING} (the message names its state)
     * @throws RejectedExecutionException if no room freed within the submit timeout; nothing was accepted
     * @throws InterruptedException if interrupted while waiting; nothing was accepted
     */
    CompletionStage<Outcome<T, R>> submit(T payload) throws InterruptedException;

    /**
     * Accepts a payload if there is room now.
     *
     * @return the outcome stage, or empty when the pool is full (nothing was accepted)
     * @throws NullPointerException if {@code payload} is null
     * @throws IllegalArgumentException if no worker kind accepts the payload
     * @throws IllegalStateException if the pool is not {@link State#RUNNING} (the message names its state)
     */
    Optional<CompletionStage<Outcome<T, R>>> trySubmit(T payload);

    /**
     * Submits every payload, in order, waiting for room as {@link #submit} does.
     *
     * @return a stage completed, once every payload is done or failed, with the outcomes in input order;
     *         a payload that could not be accepted (pool full past the timeout, shut down meanwhile, no
     *         worker kind for it) has a failed outcome with 0 tries and the refusal as its error
     * @throws NullPointerException if {@code payloads} or one of its elements is null; nothing was accepted
     * @throws InterruptedException if interrupted while waiting for room; the payloads accepted before
     *                              still run
     */
    CompletionStage<List<Outcome<T, R>>> execute(Collection<? extends T> payloads) throws InterruptedException;

    /**
     * Runs the payloads of {@code input} through the pool and hands out their outcomes as they finish.
     *
     * <p>Pull-driven and bounded: the returned results read {@code input} on the caller's thread, keeping
     * at most {@code window} of its payloads in the pool; the caller's reading of results is the
     * back-pressure on {@code input}. Outcomes come in completion order, not input order.
     *
     * @param window the most payloads of {@code input} in the pool at once, 1 to {@link #capacity()}
     * @throws IllegalArgumentException if {@code window} is out of range
     * @throws IllegalStateException if the pool is not {@link State#RUNNING}
     */
    Results<T, R> wrap(Iterator<? extends T> input, int window);

    /**
     * Refuses new work and lets every accepted operation finish, then closes the workers and releases
     * their executor tasks (and the executor, if the pool created it). Returns at once; see
     * {@link #awaitTermination}. Idempotent; on a pool never started it terminates it at once.
     */
    void shutdown();

    /**
     * Waits until the pool is {@link State#TERMINATED}.
     *
     * @return whether it terminated within {@code timeout}
     */
    boolean awaitTermination(Duration timeout) throws InterruptedException;

    /** The most operations accepted and not yet finished at once. */
    int capacity();

    /** The operations accepted and not yet finished now. */
    int pending();

    /** How many workers were replaced after a failure since the pool started. */
    long restarts();
}
