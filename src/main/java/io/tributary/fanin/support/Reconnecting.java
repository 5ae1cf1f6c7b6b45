package io.tributary.fanin.support;

import io.tributary.fanin.Emitter;

import java.time.Duration;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * How a source does its own retries: it runs one connected session after another until its share is
 * cancelled, waiting between them (1 s doubling up to 30 s, cut short by cancellation), and logs the
 * failure once and the recovery once.
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

    private static final Logger LOG = Logger.getLogger(Reconnecting.class.getName());
    private static final Duration FIRST_BACKOFF = Duration.ofSeconds(1);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

    private final String what;
    private final Class<X> retried;

    /** Retries of the source {@code what} (in logs) after failures of type {@code retried}. */
    public Reconnecting(String what, Class<X> retried) {
        this.what = what;
        this.retried = retried;
    }

    /** Runs sessions until {@code out} is cancelled. */
    public void run(Emitter<?> out, Session<X> session) throws InterruptedException {
        Backoff backoff = new Backoff();
        while (!out.isCancelled()) {
            try {
                session.run(backoff::connected);
            } catch (InterruptedException e) {
                throw e;
            } catch (Exception e) {
                if (!retried.isInstance(e)) {
                    throw e instanceof RuntimeException r ? r : new IllegalStateException(e);
                }
                out.awaitCancelled(backoff.failed(e));
            }
        }
    }

    /** The backoff of one run: grows with each failure, resets on recovery. */
    private final class Backoff {
        private Duration next = FIRST_BACKOFF;
        private boolean failing;

        void connected() {
            if (failing) {
                LOG.info(() -> what + " recovered");
                failing = false;
                next = FIRST_BACKOFF;
            }
        }

        Duration failed(Exception e) {
            if (!failing) {
                LOG.log(Level.WARNING, e, () -> what + " failed; retrying with backoff");
                failing = true;
            }
            Duration wait = next;
            Duration doubled = next.multipliedBy(2);
            next = doubled.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : doubled;
            return wait;
        }
    }
}
