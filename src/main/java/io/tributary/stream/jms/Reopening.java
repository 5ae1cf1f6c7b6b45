package io.tributary.stream.jms;

import io.tributary.stream.StreamClosedException;
import io.tributary.stream.StreamException;
import jakarta.jms.Connection;
import jakarta.jms.JMSException;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The producer or consumer of one {@link ConnectionSupervisor.Link generation} of the connection,
 * opened again on the live connection when the supervisor re-created it.
 *
 * <p>{@link #current()} hands out the instance of the live generation, opening it first if there is
 * none yet or the one held belongs to an older connection; the stale one is closed in the background
 * (its connection is gone, so closing rolls back what it had open and fails its unconfirmed sends).
 * When there is no live connection, {@code current()} throws a {@link StreamException} naming the
 * supervisor's state, and {@code current(wait)} waits for one. Used by every JMS component that must
 * outlive a re-created connection (streams, the batching broker). Thread safety: synchronized.
 *
 * @param <T> what is re-opened
 */
public final class Reopening<T extends AutoCloseable> {

    /** Opens the instance on a connection. */
    @FunctionalInterface
    public interface Open<T> {
        /** A new instance on {@code connection}. */
        T open(Connection connection) throws JMSException;
    }

    private static final Logger LOG = Logger.getLogger(Reopening.class.getName());

    private final ConnectionSupervisor supervisor;
    private final String what;
    private final Open<T> open;
    private T current;
    private long generation;
    private boolean closed;

    /**
     * Opens the first instance at once if the broker is connected (so a bad stream fails here), else
     * on first use.
     *
     * @param what names the instance in errors, e.g. "producer for stream 'orders'"
     * @throws JMSException if opening on the live connection failed
     */
    public Reopening(ConnectionSupervisor supervisor, String what, Open<T> open) throws JMSException {
        this.supervisor = supervisor;
        this.what = what;
        this.open = open;
        if (supervisor.state() == ConnectionState.CONNECTED) {
            ConnectionSupervisor.Link link = supervisor.link();
            current = open.open(link.connection());
            generation = link.generation();
        }
    }

    /**
     * The instance on the live connection.
     *
     * @throws StreamClosedException if closed
     * @throws StreamException       if there is no live connection, or opening on it failed
     */
    public synchronized T current() {
        if (closed) {
            throw new StreamClosedException(what + " is closed");
        }
        ConnectionSupervisor.Link link = supervisor.link();
        if (current == null || link.generation() != generation) {
            discard(current);
            current = null;
            try {
                current = open.open(link.connection());
            } catch (JMSException e) {
                throw new StreamException("cannot open the " + what + " on the re-created connection: " + e, e);
            }
            generation = link.generation();
            LOG.fine(() -> what + " re-opened on connection generation " + generation);
        }
        return current;
    }

    /**
     * The instance on the live connection, waiting up to {@code wait} for a connection while there is
     * none.
     *
     * @return the instance, or empty if no connection came in time
     * @throws StreamClosedException if closed
     */
    public Optional<T> current(Duration wait) throws InterruptedException {
        if (supervisor.awaitLink(wait).isEmpty()) {
            synchronized (this) {
                if (closed) {
                    throw new StreamClosedException(what + " is closed");
                }
            }
            return Optional.empty();
        }
        return Optional.of(current());
    }

    /** The instance held, if any, whatever its generation. */
    public synchronized Optional<T> held() {
        return Optional.ofNullable(current);
    }

    /** Closes the instance held. Idempotent. */
    public void close() {
        T last;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            last = current;
            current = null;
        }
        if (last != null) {
            try {
                last.close();
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new StreamException("closing the " + what + " failed: " + e, e);
            }
        }
    }

    private void discard(T stale) {
        if (stale != null) {
            CompletableFuture.runAsync(() -> {
                try {
                    stale.close();
                } catch (Exception e) {
                    LOG.log(Level.FINE, "closing the stale " + what + " failed", e);
                }
            });
        }
    }
}
