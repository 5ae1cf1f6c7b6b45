package io.tributary.work.executor;

import io.opentelemetry.context.Context;
import io.tributary.work.Operation;
import io.tributary.work.Outcome;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Delayed;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An entry of a lane's queue: the next attempt of an operation, due at a time, or a stop signal.
 * Entries due at the same time come out in the order they were made. Each attempt carries the OpenTelemetry
 * {@link Context} that was current where the operation was submitted, so it runs in the submitter's trace.
 */
final class Scheduled<T, R> implements Delayed {

    private static final AtomicLong SEQUENCE = new AtomicLong();

    private final Operation<T> operation;
    private final CompletableFuture<Outcome<T, R>> outcome;
    private final long dueNanos;
    private final Context context;
    private final long sequence = SEQUENCE.incrementAndGet();

    private Scheduled(Operation<T> operation, CompletableFuture<Outcome<T, R>> outcome, long dueNanos,
            Context context) {
        this.operation = operation;
        this.outcome = outcome;
        this.dueNanos = dueNanos;
        this.context = context;
    }

    /** The first attempt, due now, in the calling thread's current context. */
    static <T, R> Scheduled<T, R> now(Operation<T> operation) {
        return new Scheduled<>(operation, new CompletableFuture<>(), System.nanoTime(), Context.current());
    }

    /** The signal that ends one worker loop. */
    static <T, R> Scheduled<T, R> stop() {
        return new Scheduled<>(null, null, System.nanoTime(), Context.root());
    }

    /** The next attempt after {@code error}, due after {@code delayNanos}, in the same context. */
    Scheduled<T, R> retry(Throwable error, long delayNanos) {
        return new Scheduled<>(operation.retry(error), outcome, System.nanoTime() + delayNanos, context);
    }

    /** The context the operation was submitted in. */
    Context context() {
        return context;
    }

    boolean isStop() {
        return operation == null;
    }

    Operation<T> operation() {
        return operation;
    }

    CompletableFuture<Outcome<T, R>> outcome() {
        return outcome;
    }

    @Override
    public long getDelay(TimeUnit unit) {
        return unit.convert(dueNanos - System.nanoTime(), TimeUnit.NANOSECONDS);
    }

    @Override
    public int compareTo(Delayed other) {
        Scheduled<?, ?> o = (Scheduled<?, ?>) other;
        int byTime = Long.compare(dueNanos - o.dueNanos, 0);
        return byTime != 0 ? byTime : Long.compare(sequence, o.sequence);
    }
}
