/**
 * Work contracts: the {@link io.tributary.work.WorkerPool} (operations with try counts, retries with
 * backoff, worker replacement, routing by {@link io.tributary.work.WorkerFactory#accepts}) and the
 * {@link io.tributary.work.Hub} (round-robin dispatch into bounded per-subscriber buffers).
 * Implementations live beside this package: {@code executor} (the pool over an
 * {@link java.util.concurrent.ExecutorService}, in a container its {@code ManagedExecutorService}),
 * {@code hub}, and {@code pipeline} (a stream {@link io.tributary.stream.Consumer} driven through a pool).
 */
package io.tributary.work;
