package io.tributary.work.executor;

import io.tributary.stream.RedeliveryPolicy;
import io.tributary.work.WorkerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.regex.Pattern;

/**
 * Configures an {@link ExecutorWorkerPool}. Every setter checks its argument and names the bad value.
 *
 * <p>Defaults: capacity {@value #DEFAULT_CAPACITY}, submit timeout 30 s, retry {@link #DEFAULT_RETRY}
 * (3 tries, 10 ms doubling up to 1 s), and an executor the pool creates and owns. At least one worker
 * kind is required.
 */
public final class WorkerPoolBuilder<T, R> {

    /** Pool and kind names. */
    public static final String NAME_PATTERN = "[A-Za-z0-9._-]{1,64}";
    /** The most workers of one kind. */
    public static final int MAX_WORKERS = 1_000;
    /** The largest capacity. */
    public static final int MAX_CAPACITY = 1_000_000;
    /** The default capacity. */
    public static final int DEFAULT_CAPACITY = 1_000;
    /** The default retry policy: 3 tries, 10 ms doubling up to 1 s. */
    public static final RedeliveryPolicy DEFAULT_RETRY =
            new RedeliveryPolicy(3, Duration.ofMillis(10), 2.0, Duration.ofSeconds(1));

    private static final Pattern NAME = Pattern.compile(NAME_PATTERN);

    private final String name;
    private final List<Lane<T, R>> lanes = new ArrayList<>();
    private int capacity = DEFAULT_CAPACITY;
    private Duration submitTimeout = Duration.ofSeconds(30);
    private RedeliveryPolicy retry = DEFAULT_RETRY;
    private ExecutorService executor;

    WorkerPoolBuilder(String name) {
        this.name = checkName("pool name", name);
    }

    /**
     * Adds {@code count} workers of one kind. Payloads go to the first kind, in the order added, whose
     * factory accepts them.
     *
     * @param kind    the kind's name, unique in the pool, {@value #NAME_PATTERN}
     * @param count   1 to {@value #MAX_WORKERS}
     * @param factory makes the workers and says what they accept
     */
    public WorkerPoolBuilder<T, R> workers(String kind, int count, WorkerFactory<T, R> factory) {
        checkName("worker kind", kind);
        if (count < 1 || count > MAX_WORKERS) {
            throw new IllegalArgumentException("worker count " + count + " for kind '" + kind
                    + "' is out of range: use 1 to " + MAX_WORKERS);
        }
        Objects.requireNonNull(factory, () -> "factory of worker kind '" + kind + "' must not be null");
        if (lanes.stream().anyMatch(l -> l.kind().equals(kind))) {
            throw new IllegalArgumentException("worker kind '" + kind + "' is already in pool '" + name + "'");
        }
        lanes.add(new Lane<>(kind, count, factory));
        return this;
    }

    /** The most operations accepted and not finished at once, 1 to {@value #MAX_CAPACITY}. */
    public WorkerPoolBuilder<T, R> capacity(int capacity) {
        if (capacity < 1 || capacity > MAX_CAPACITY) {
            throw new IllegalArgumentException("capacity " + capacity + " is out of range: use 1 to " + MAX_CAPACITY);
        }
        this.capacity = capacity;
        return this;
    }

    /** How long {@code submit} waits for room, 0 to 1 hour. */
    public WorkerPoolBuilder<T, R> submitTimeout(Duration timeout) {
        if (timeout == null || timeout.isNegative() || timeout.compareTo(Duration.ofHours(1)) > 0) {
            throw new IllegalArgumentException("submit timeout " + timeout + " is not allowed: use 0 to 1 hour");
        }
        this.submitTimeout = timeout;
        return this;
    }

    /**
     * The retry policy: an operation whose attempt {@code a} failed is tried again after
     * {@link RedeliveryPolicy#retryDelay retryDelay(a)} while {@code a < maxAttempts}, then fails.
     */
    public WorkerPoolBuilder<T, R> retry(RedeliveryPolicy policy) {
        this.retry = Objects.requireNonNull(policy, "retry policy must not be null");
        return this;
    }

    /**
     * The executor to run on (in a container, its {@code ManagedExecutorService}). The pool never shuts
     * it down. Without one, the pool creates and owns a fixed executor.
     */
    public WorkerPoolBuilder<T, R> executor(ExecutorService executor) {
        this.executor = Objects.requireNonNull(executor, "executor must not be null (leave it unset for an own one)");
        return this;
    }

    /**
     * The pool, in state NEW.
     *
     * @throws IllegalStateException if no worker kind was added
     */
    public ExecutorWorkerPool<T, R> build() {
        if (lanes.isEmpty()) {
            throw new IllegalStateException("pool '" + name + "' has no workers: add a kind with workers(kind, count,"
                    + " factory)");
        }
        return new ExecutorWorkerPool<>(this);
    }

    String name() {
        return name;
    }

    List<Lane<T, R>> lanes() {
        return lanes;
    }

    int capacity() {
        return capacity;
    }

    Duration submitTimeout() {
        return submitTimeout;
    }

    RedeliveryPolicy retry() {
        return retry;
    }

    ExecutorService executor() {
        return executor;
    }

    private static String checkName(String what, String value) {
        if (value == null || !NAME.matcher(value).matches()) {
            throw new IllegalArgumentException(what + " '" + value + "' is not allowed: use " + NAME_PATTERN);
        }
        return value;
    }
}
