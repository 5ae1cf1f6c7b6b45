/**
 * The {@link io.tributary.work.WorkerPool} over a {@link java.util.concurrent.ExecutorService}
 * ({@link io.tributary.work.executor.ExecutorWorkerPool}, configured by
 * {@link io.tributary.work.executor.WorkerPoolBuilder}): a container's {@code ManagedExecutorService}, or
 * a fixed executor the pool owns.
 */
package io.tributary.work.executor;
