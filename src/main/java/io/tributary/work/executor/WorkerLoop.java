package io.tributary.work.executor;

import io.opentelemetry.context.Scope;
import io.tributary.work.Operation;
import io.tributary.work.Outcome;
import io.tributary.work.Worker;

import java.lang.System.Logger.Level;

/**
 * One executor task of a pool: owns one worker and feeds it from its lane until a stop signal.
 *
 * <p>When the worker throws, the attempt is handed back to the pool (retry or failed outcome) and this
 * loop closes the worker and carries on with a fresh one from the factory. The loop stays on its executor
 * task: a replacement never depends on the executor accepting (or later dropping) a new task. A loop
 * without a worker creates one first, trying again after the pool's backoff while the factory fails.
 */
final class WorkerLoop<T, R> implements Runnable {

    private static final System.Logger LOG = System.getLogger(WorkerLoop.class.getName());

    private final ExecutorWorkerPool<T, R> pool;
    private final Lane<T, R> lane;
    private Worker<T, R> worker;

    WorkerLoop(ExecutorWorkerPool<T, R> pool, Lane<T, R> lane, Worker<T, R> worker) {
        this.pool = pool;
        this.lane = lane;
        this.worker = worker;
    }

    Lane<T, R> lane() {
        return lane;
    }

    @Override
    public void run() {
        ExecutorWorkerPool.LoopEnd end = ExecutorWorkerPool.LoopEnd.INTERRUPTED;
        try {
            end = loop();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            closeWorker();
            pool.loopEnded(lane, end);
        }
    }

    /** Closes the worker of a loop that never ran. */
    void discard() {
        closeWorker();
    }

    private ExecutorWorkerPool.LoopEnd loop() throws InterruptedException {
        while (true) {
            if (worker == null) {
                worker = createWorker();
                if (worker == null) {
                    return ExecutorWorkerPool.LoopEnd.STOPPED;
                }
            }
            Scheduled<T, R> entry = lane.take();
            if (entry.isStop()) {
                return ExecutorWorkerPool.LoopEnd.STOPPED;
            }
            if (!attempt(entry)) {
                closeWorker();
                pool.workerReplaced();
            }
        }
    }

    /** Runs one attempt; false if the worker threw. */
    private boolean attempt(Scheduled<T, R> entry) {
        Operation<T> op = entry.operation();
        R value;
        try (Scope submitted = entry.context().makeCurrent()) {
            value = worker.process(op);
        } catch (Throwable t) {
            if (t instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            LOG.log(Level.DEBUG, () -> "pool '" + pool.name() + "': " + lane.kind() + " worker failed " + op
                    + "; replacing the worker", t);
            pool.attemptFailed(lane, entry, t);
            return false;
        }
        pool.finish(entry, Outcome.done(op, value));
        return true;
    }

    /** A fresh worker, or null if the lane stopped while the factory was failing. */
    private Worker<T, R> createWorker() throws InterruptedException {
        for (int failures = 1; ; failures++) {
            try {
                Worker<T, R> w = lane.create();
                if (failures > 1) {
                    LOG.log(Level.INFO, "pool '" + pool.name() + "': " + lane.kind() + " worker created again");
                }
                return w;
            } catch (Exception e) {
                if (failures == 1) {
                    LOG.log(Level.WARNING, "pool '" + pool.name() + "': cannot create a " + lane.kind()
                            + " worker, trying again with backoff: " + e, e);
                }
                if (lane.awaitStop(pool.backoffNanos(failures))) {
                    return null;
                }
            }
        }
    }

    private void closeWorker() {
        if (worker == null) {
            return;
        }
        try {
            worker.close();
        } catch (Exception e) {
            LOG.log(Level.WARNING, "pool '" + pool.name() + "': closing a " + lane.kind() + " worker failed: " + e, e);
        }
        worker = null;
    }
}
