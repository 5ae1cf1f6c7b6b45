package io.tributary.work.executor;

import io.tributary.work.Operation;
import io.tributary.work.Outcome;
import io.tributary.work.Results;
import io.tributary.work.WorkerPool;
import io.tributary.stream.RedeliveryPolicy;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A {@link WorkerPool} over an {@link ExecutorService}: one long-running executor task per worker.
 *
 * <p><b>Executor.</b> In a Jakarta EE container, pass the container's {@code ManagedExecutorService}
 * ({@link WorkerPoolBuilder#executor}): the pool then runs on the container's threads with its context,
 * and never shuts that executor down. Its concurrency policy must let as many tasks run at once as the
 * pool has workers (a worker task waiting in the executor's queue does no work). Without one, the pool
 * creates and owns a fixed executor with exactly one thread per worker and no queue, and shuts it down
 * when the pool terminates. A worker that throws is replaced within its task, so the pool never gives
 * the executor more than one task per worker.
 *
 * <p><b>Queues.</b> Each worker kind has its own queue, holding first attempts and retries (a retry
 * becomes due after its backoff); every queue together holds at most {@code capacity} operations, the
 * pool's permits, so nothing in the pool is unbounded. {@link #submit} waits for a permit up to the
 * submit timeout, then throws {@link RejectedExecutionException}; {@link #trySubmit} returns empty.
 *
 * <p><b>Trace context.</b> Every attempt of an operation (retries included) runs with the OpenTelemetry
 * context that was current on the thread that submitted it, so spans a worker starts continue the
 * submitter's trace.
 *
 * <p><b>Crash and interruption.</b> Operations live in memory: if the JVM dies they are gone with it
 * (put durable work in a stream and use {@link io.tributary.work.pipeline.ConsumerPipeline}). If the
 * executor interrupts every worker task of a kind (a container stopping the application), the pool shuts
 * down and the queued operations of that kind get failed outcomes with a {@link CancellationException}.
 *
 * <p>Thread-safe. Logs once per state change (start, shutdown, termination, lost workers).
 */
public final class ExecutorWorkerPool<T, R> implements WorkerPool<T, R> {

    private static final System.Logger LOG = System.getLogger(ExecutorWorkerPool.class.getName());
    private static final long MIN_FACTORY_BACKOFF_NANOS = TimeUnit.MILLISECONDS.toNanos(10);

    /** How a worker loop ended. */
    enum LoopEnd { STOPPED, INTERRUPTED }

    private final String name;
    private final List<Lane<T, R>> lanes;
    private final int capacity;
    private final Duration submitTimeout;
    private final RedeliveryPolicy retry;
    private final ExecutorService executor;
    private final boolean ownsExecutor;

    private final AtomicReference<State> state = new AtomicReference<>(State.NEW);
    private final Semaphore permits;
    private final AtomicInteger pending = new AtomicInteger();
    private final AtomicLong ids = new AtomicLong();
    private final AtomicInteger loops = new AtomicInteger();
    private final AtomicLong restarts = new AtomicLong();
    private final AtomicBoolean lanesStopped = new AtomicBoolean();
    private final CountDownLatch terminated = new CountDownLatch(1);

    ExecutorWorkerPool(WorkerPoolBuilder<T, R> b) {
        this.name = b.name();
        this.lanes = List.copyOf(b.lanes());
        this.capacity = b.capacity();
        this.submitTimeout = b.submitTimeout();
        this.retry = b.retry();
        this.ownsExecutor = b.executor() == null;
        this.executor = ownsExecutor ? OwnedExecutor.create(name, workers()) : b.executor();
        this.permits = new Semaphore(capacity);
    }

    /** A builder for a pool named {@code name} (letters, digits, {@code . _ -}; 1-64 characters). */
    public static <T, R> WorkerPoolBuilder<T, R> builder(String name) {
        return new WorkerPoolBuilder<>(name);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public State state() {
        return state.get();
    }

    @Override
    public synchronized void start() {
        State s = state.get();
        if (s != State.NEW) {
            throw new IllegalStateException("pool '" + name + "' is " + s + ": start() needs NEW");
        }
        List<WorkerLoop<T, R>> created = new ArrayList<>();
        for (Lane<T, R> lane : lanes) {
            for (int i = 0; i < lane.count(); i++) {
                try {
                    created.add(new WorkerLoop<>(this, lane, lane.create()));
                } catch (Exception e) {
                    created.forEach(WorkerLoop::discard);
                    terminate();
                    throw new IllegalStateException("pool '" + name + "' cannot start: creating a '" + lane.kind()
                            + "' worker failed: " + e, e);
                }
            }
        }
        state.set(State.RUNNING);
        for (int i = 0; i < created.size(); i++) {
            try {
                launch(created.get(i));
            } catch (RejectedExecutionException e) {
                created.subList(i, created.size()).forEach(WorkerLoop::discard);
                state.set(State.SHUTTING_DOWN);
                stopLanes();
                if (loops.get() == 0) {
                    terminate();
                }
                throw new RejectedExecutionException("pool '" + name + "': the executor refused worker task "
                        + (i + 1) + " of " + created.size() + "; its concurrency policy must allow "
                        + created.size() + " tasks at once", e);
            }
        }
        LOG.log(Level.INFO, "pool '" + name + "' started: " + kinds() + ", capacity " + capacity
                + (ownsExecutor ? ", own executor" : ", on " + executor.getClass().getName()));
    }

    @Override
    public CompletionStage<Outcome<T, R>> submit(T payload) throws InterruptedException {
        Lane<T, R> lane = route(payload);
        if (!permits.tryAcquire(submitTimeout.toNanos(), TimeUnit.NANOSECONDS)) {
            checkRunning("submit");
            throw new RejectedExecutionException("pool '" + name + "' is full: " + capacity
                    + " operations pending and no room within " + submitTimeout + "; nothing was accepted");
        }
        return accept(lane, payload);
    }

    @Override
    public Optional<CompletionStage<Outcome<T, R>>> trySubmit(T payload) {
        Lane<T, R> lane = route(payload);
        return permits.tryAcquire() ? Optional.of(accept(lane, payload)) : Optional.empty();
    }

    @Override
    public CompletionStage<List<Outcome<T, R>>> execute(Collection<? extends T> payloads) throws InterruptedException {
        Objects.requireNonNull(payloads, "payloads must not be null");
        int index = 0;
        for (T p : payloads) {
            Objects.requireNonNull(p, "payload " + index + " of " + payloads.size() + " is null; nothing was submitted");
            index++;
        }
        List<CompletableFuture<Outcome<T, R>>> stages = new ArrayList<>(payloads.size());
        for (T p : payloads) {
            stages.add(submitOrRefuse(p).toCompletableFuture());
        }
        return CompletableFuture.allOf(stages.toArray(new CompletableFuture<?>[0]))
                .thenApply(done -> stages.stream().map(CompletableFuture::join).toList());
    }

    @Override
    public Results<T, R> wrap(Iterator<? extends T> input, int window) {
        Objects.requireNonNull(input, "input must not be null");
        if (window < 1 || window > capacity) {
            throw new IllegalArgumentException("window " + window + " is out of range: use 1 to the pool's capacity "
                    + capacity);
        }
        checkRunning("wrap");
        return new WindowedResults<>(this, input, window);
    }

    @Override
    public synchronized void shutdown() {
        State s = state.get();
        if (s == State.NEW) {
            terminate();
        } else if (s == State.RUNNING) {
            state.set(State.SHUTTING_DOWN);
            LOG.log(Level.INFO, "pool '" + name + "' shutting down: " + pending.get() + " operations pending");
            if (pending.get() == 0) {
                stopLanes();
            }
        }
    }

    @Override
    public boolean awaitTermination(Duration timeout) throws InterruptedException {
        return terminated.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    @Override
    public int capacity() {
        return capacity;
    }

    @Override
    public int pending() {
        return pending.get();
    }

    @Override
    public long restarts() {
        return restarts.get();
    }

    /** Submits, or returns the refusal as a failed outcome. */
    CompletionStage<Outcome<T, R>> submitOrRefuse(T payload) throws InterruptedException {
        try {
            return submit(payload);
        } catch (IllegalStateException | IllegalArgumentException | RejectedExecutionException e) {
            return CompletableFuture.completedFuture(Outcome.refused(payload, e));
        }
    }

    /** Completes an operation; the first completion releases its permit. */
    void finish(Scheduled<T, R> entry, Outcome<T, R> outcome) {
        if (entry.outcome().complete(outcome)) {
            release();
        }
    }

    /** Retries a failed attempt after its backoff, or fails the operation when it has no tries left. */
    void attemptFailed(Lane<T, R> lane, Scheduled<T, R> entry, Throwable error) {
        Optional<Duration> delay = retry.retryDelay(entry.operation().tries());
        if (delay.isPresent()) {
            lane.put(entry.retry(error, delay.get().toNanos()));
        } else {
            finish(entry, Outcome.failed(entry.operation(), error));
        }
    }

    /** How long to wait before creating a worker again after {@code failures} failures. */
    long backoffNanos(int failures) {
        long nanos = retry.retryDelay(failures).orElse(retry.maxDelay()).toNanos();
        return Math.max(nanos, MIN_FACTORY_BACKOFF_NANOS);
    }

    /** Counts a worker closed after a failure (its loop carries on with a fresh one). */
    void workerReplaced() {
        restarts.incrementAndGet();
    }

    void loopEnded(Lane<T, R> lane, LoopEnd end) {
        int laneLeft = lane.loopEnded();
        if (end == LoopEnd.INTERRUPTED && laneLeft == 0) {
            LOG.log(Level.ERROR, "pool '" + name + "': every " + lane.kind() + " worker task was interrupted;"
                    + " shutting the pool down and failing its queued operations");
            shutdown();
            CancellationException cause = new CancellationException("pool '" + name + "': the executor interrupted"
                    + " every " + lane.kind() + " worker task");
            lane.drain().forEach(e -> finish(e, Outcome.failed(e.operation(), cause)));
        }
        if (loops.decrementAndGet() == 0 && state.get() != State.RUNNING) {
            terminate();
        }
    }

    private void launch(WorkerLoop<T, R> loop) {
        loops.incrementAndGet();
        loop.lane().loopStarted();
        try {
            executor.execute(loop);
        } catch (RejectedExecutionException e) {
            loop.lane().loopEnded();
            loops.decrementAndGet();
            throw e;
        }
    }

    private Lane<T, R> route(T payload) {
        Objects.requireNonNull(payload, "payload must not be null");
        checkRunning("submit");
        for (Lane<T, R> lane : lanes) {
            if (lane.accepts(payload)) {
                return lane;
            }
        }
        throw new IllegalArgumentException("no worker kind of pool '" + name + "' accepts payload "
                + abbreviate(payload) + ": kinds are " + kinds());
    }

    private CompletionStage<Outcome<T, R>> accept(Lane<T, R> lane, T payload) {
        pending.incrementAndGet();
        if (state.get() != State.RUNNING) {
            release();
            checkRunning("submit");
        }
        Scheduled<T, R> entry = Scheduled.now(Operation.first(ids.incrementAndGet(), payload));
        lane.put(entry);
        return entry.outcome().minimalCompletionStage();
    }

    private void release() {
        permits.release();
        if (pending.decrementAndGet() == 0 && state.get() != State.RUNNING) {
            stopLanes();
        }
    }

    private void stopLanes() {
        if (lanesStopped.compareAndSet(false, true)) {
            lanes.forEach(Lane::stop);
        }
    }

    private void terminate() {
        if (state.getAndSet(State.TERMINATED) != State.TERMINATED) {
            if (ownsExecutor) {
                executor.shutdown();
            }
            terminated.countDown();
            LOG.log(Level.INFO, "pool '" + name + "' terminated");
        }
    }

    private void checkRunning(String what) {
        State s = state.get();
        if (s != State.RUNNING) {
            throw new IllegalStateException("pool '" + name + "' is " + s + ": " + what + " needs RUNNING");
        }
    }

    private int workers() {
        return lanes.stream().mapToInt(Lane::count).sum();
    }

    private String kinds() {
        return lanes.stream().map(l -> l.kind() + " x" + l.count()).toList().toString();
    }

    private static String abbreviate(Object o) {
        String s = String.valueOf(o);
        return s.length() <= 100 ? s : s.substring(0, 100) + "...";
    }
}
