package io.tributary.supervision;

import io.tributary.eventstream.BackoffStrategy;
import io.tributary.eventstream.ExponentialBackoff;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The state of one long-running loop (a connector channel, a consumer pipeline, a broker consumer) that
 * must survive transient failures: {@link State#RUNNING} until a pass of the loop fails, then
 * {@link State#RECOVERING} -- the loop waits {@link #failed(Throwable) a backoff} and tries again -- until a
 * pass succeeds ({@link #succeeded()}).
 *
 * <p>Logging: each change of state once (WARNING on the first failure, INFO on recovery); further failures
 * while recovering only at FINE. Listed in {@link Loops} from {@link #start} until {@link #close()}.
 *
 * <p>Thread safety: safe for many threads; the loop's own thread normally reports, readiness reads.
 */
public final class LoopHealth implements AutoCloseable {

    /** Where a loop stands. */
    public enum State {
        /** The last pass succeeded (or none failed yet). */
        RUNNING,
        /** The last pass failed; the loop backs off and tries again. */
        RECOVERING
    }

    /** The backoff of {@link #start(String)}: from 100 ms, doubling, capped at 5 s. */
    public static final BackoffStrategy DEFAULT_BACKOFF = new ExponentialBackoff(Duration.ofMillis(100),
            Duration.ofSeconds(5));

    private static final Logger LOG = Logger.getLogger(LoopHealth.class.getName());

    private final String name;
    private final BackoffStrategy backoff;
    private State state = State.RUNNING;
    private Instant since = Instant.now();
    private int failures;
    private Throwable lastFailure;

    private LoopHealth(String name, BackoffStrategy backoff) {
        this.name = Objects.requireNonNull(name, "name must not be null");
        this.backoff = Objects.requireNonNull(backoff, "backoff must not be null");
    }

    /** Starts watching the loop {@code name} (e.g. "channel 'orders-in'") with {@link #DEFAULT_BACKOFF}. */
    public static LoopHealth start(String name) {
        return start(name, DEFAULT_BACKOFF);
    }

    /** Starts watching the loop {@code name}, backing off with {@code backoff} after failures. */
    public static LoopHealth start(String name, BackoffStrategy backoff) {
        LoopHealth loop = new LoopHealth(name, backoff);
        Loops.add(loop);
        return loop;
    }

    /** What the loop is, for people: e.g. "channel 'orders-in'". */
    public String name() {
        return name;
    }

    /** The current state. */
    public synchronized State state() {
        return state;
    }

    /** The state, since when, and while recovering the failures so far and the last one, for people. */
    public synchronized String describe() {
        String s = state + " since " + since;
        return state == State.RUNNING ? s
                : s + ", " + failures + " failure(s), retrying with backoff; last failure: " + lastFailure;
    }

    /**
     * The state, since when, and while recovering the failures so far and the kind (class) of the last one:
     * for readiness, which must not show a failure's text (it may name hosts or users; logs have it).
     */
    public synchronized String summary() {
        String s = state + " since " + since;
        return state == State.RUNNING ? s
                : s + ", " + failures + " failure(s), retrying with backoff; last failure: "
                        + lastFailure.getClass().getName();
    }

    /**
     * Records a failed pass and returns how long the loop waits before the next one (growing with the
     * consecutive failures).
     */
    public Duration failed(Throwable failure) {
        synchronized (this) {
            failures++;
            lastFailure = failure;
            if (state == State.RUNNING) {
                state = State.RECOVERING;
                since = Instant.now();
                LOG.log(Level.WARNING, name + " failed and keeps trying with backoff: " + failure, failure);
            } else {
                LOG.fine(() -> name + " failed again (" + failures + " in a row): " + failure);
            }
            return backoff.delay(failures);
        }
    }

    /** Records a pass that succeeded: back to {@link State#RUNNING}. */
    public synchronized void succeeded() {
        if (state == State.RECOVERING) {
            int after = failures;
            state = State.RUNNING;
            since = Instant.now();
            LOG.info(() -> name + " recovered after " + after + " failure(s)");
        }
        failures = 0;
        lastFailure = null;
    }

    /**
     * Records a failed pass and waits its backoff on the caller's thread, or until {@code interrupted}.
     *
     * @throws InterruptedException if interrupted while waiting
     */
    public void backOff(Throwable failure) throws InterruptedException {
        TimeUnit.NANOSECONDS.sleep(failed(failure).toNanos());
    }

    /** The loop ended: it is no longer listed. Idempotent. */
    @Override
    public void close() {
        Loops.remove(this);
    }

    @Override
    public String toString() {
        return name + ": " + describe();
    }
}
