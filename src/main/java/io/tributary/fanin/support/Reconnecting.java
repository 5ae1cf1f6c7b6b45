package io.tributary.fanin.support;

import io.tributary.fanin.Emitter;

import io.tributary.eventstream.BackoffStrategy;
import io.tributary.eventstream.ExponentialBackoff;
import io.tributary.supervision.LoopHealth;
import java.time.Duration;

/**
 * How a source does its own retries: it runs one connected session after another until its share is
 * cancelled, waiting between them (from 1 s, doubling with jitter up to 30 s, cut short by cancellation).
 * While it retries, its {@link LoopHealth} is {@code RECOVERING} in readiness
 * ({@link io.tributary.supervision.Loops}); the failure is logged once and the recovery once.
 *
 * @param <X> the failure that is worth a retry (a transport exception); any other ends the share
 */
public final class Reconnecting<X extends Exception> {

    /** One connected session of a source: connect, call {@code connected}, then pump until cancelled. */
    @FunctionalInterface
    public interface Session<X extends Exception> {
        /** Runs the session; returning ends it (the loop retries unless the share is cancelled). */
        void run(Runnable connected) throws X, InterruptedException;
    }

    /** The backoff between sessions: 1 s doubling up to 30 s, with jitter. */
    static final BackoffStrategy BACKOFF = new ExponentialBackoff(Duration.ofSeconds(1), Duration.ofSeconds(30));

    private final String what;
    private final Class<X> retried;

    /** Retries of the source {@code what} (in logs and readiness) after failures of type {@code retried}. */
    public Reconnecting(String what, Class<X> retried) {
        this.what = what;
        this.retried = retried;
    }

    /** Runs sessions until {@code out} is cancelled. */
    public void run(Emitter<?> out, Session<X> session) throws InterruptedException {
        try (LoopHealth health = LoopHealth.start(what, BACKOFF)) {
            while (!out.isCancelled()) {
                try {
                    session.run(health::succeeded);
                } catch (InterruptedException e) {
                    throw e;
                } catch (Exception e) {
                    if (!retried.isInstance(e)) {
                        throw e instanceof RuntimeException r ? r : new IllegalStateException(e);
                    }
                    out.awaitCancelled(health.failed(e));
                }
            }
        }
    }
}
