package io.tributary.stream.jms;

import io.tributary.eventstream.BackoffStrategy;
import io.tributary.stream.StreamException;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSException;
import jakarta.jms.JMSSecurityException;
import org.apache.activemq.artemis.api.core.client.FailoverEventType;
import org.apache.activemq.artemis.jms.client.ActiveMQConnection;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Owns the one JMS connection of a {@link JmsStreams} and keeps it alive, never giving up.
 *
 * <p>While the Artemis client reconnects by itself (within its {@code reconnectAttempts} and
 * {@code retryInterval} settings) the state is {@link ConnectionState#RECONNECTING} and the connection is
 * kept: sessions survive. When the client gives up ({@code FAILOVER_FAILED}; for other JMS providers any
 * call of the exception listener), or the broker refuses a connect, the state is
 * {@link ConnectionState#FAILED} and the supervisor re-creates the connection on its own thread, waiting
 * {@link BackoffStrategy#delay(int) backoff.delay(n)} before the n-th attempt (exponential with jitter),
 * for as long as it is open. Each new connection has a new {@link Link#generation() generation}: whoever
 * holds sessions of an older one re-opens them.
 *
 * <p>Logging: each state change once (INFO when connected, WARNING otherwise); failed retries only at
 * FINE. A failure that configuration must fix (the broker refused the credentials) is
 * {@link #terminal() terminal}: the supervisor keeps retrying, but health reports it as not alive.
 *
 * <p>Thread safety: safe for many threads; state changes are serialized on this object.
 */
public final class ConnectionSupervisor implements AutoCloseable {

    /** Opens a new, not yet started connection. */
    @FunctionalInterface
    public interface Opener {
        /** A new connection. */
        Connection open() throws JMSException;
    }

    /** A live connection and its generation (1 for the first, +1 for each re-created one). */
    public record Link(Connection connection, long generation) {
    }

    private static final Logger LOG = Logger.getLogger(ConnectionSupervisor.class.getName());

    private final Opener opener;
    private final BackoffStrategy backoff;
    private final ScheduledExecutorService retries;
    private Connection connection;
    private long generation;
    /** Null until the first connect attempt ended. */
    private ConnectionState state;
    private Instant since = Instant.now();
    private int failures;
    private Exception lastFailure;
    private boolean retryScheduled;
    private boolean closed;

    /** A supervisor that has not connected yet; call {@link #connect()} or {@link #start()}. */
    public ConnectionSupervisor(Opener opener, BackoffStrategy backoff) {
        this.opener = Objects.requireNonNull(opener, "opener must not be null");
        this.backoff = Objects.requireNonNull(backoff, "backoff must not be null");
        this.retries = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "tributary-reconnect");
            t.setDaemon(true);
            return t;
        });
    }

    /** A supervisor opening connections from {@code factory}. */
    public ConnectionSupervisor(ConnectionFactory factory, BackoffStrategy backoff) {
        this(Objects.requireNonNull(factory, "factory must not be null")::createConnection, backoff);
    }

    /**
     * Connects now; if that fails, the supervisor is closed and the failure thrown (for callers that
     * must fail fast on a bad broker URL or bad credentials).
     *
     * @throws StreamException if the broker cannot be reached or refused the connection
     */
    public ConnectionSupervisor connect() {
        try {
            open();
            return this;
        } catch (JMSException | RuntimeException e) {
            close();
            throw new StreamException("cannot connect to the broker: " + e, e);
        }
    }

    /** Connects now or, if that fails, keeps retrying in the background with backoff. Never throws. */
    public ConnectionSupervisor start() {
        try {
            open();
        } catch (JMSException | RuntimeException e) {
            failed(e, "the first connect failed");
        }
        return this;
    }

    /**
     * The live connection.
     *
     * @throws StreamException naming the state and the last failure when there is none (state FAILED)
     */
    public synchronized Link link() {
        if (connection == null) {
            throw new StreamException("no connection to the broker (" + describe() + ")");
        }
        return new Link(connection, generation);
    }

    /**
     * The live connection, waiting up to {@code max} for one while there is none (state FAILED).
     *
     * @return the link, or empty if no connection came in time or the supervisor is closed
     */
    public synchronized Optional<Link> awaitLink(Duration max) throws InterruptedException {
        long end = System.nanoTime() + max.toNanos();
        while (connection == null && !closed) {
            long left = end - System.nanoTime();
            if (left <= 0) {
                return Optional.empty();
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        return connection == null ? Optional.empty() : Optional.of(new Link(connection, generation));
    }

    /**
     * A new, not started connection from the same source that this supervisor does not watch (for
     * connections with a role of their own, such as a client-id guard).
     */
    Connection openUnsupervised() throws JMSException {
        return opener.open();
    }

    /** The current state. */
    public synchronized ConnectionState state() {
        return state == null ? ConnectionState.FAILED : state;
    }

    /** The state with how long it has lasted and, unless connected, the last failure, for people. */
    public synchronized String describe() {
        String s = state() + " since " + since;
        if (state() == ConnectionState.FAILED) {
            s += ", " + failures + " attempt(s) failed, retrying with backoff; last failure: " + lastFailure;
        }
        return s;
    }

    /**
     * The state with how long it has lasted and, unless connected, the number of failed attempts and the
     * kind of the last failure, without its text: for unauthenticated readers such as health endpoints (the
     * text of a refused login names the user and the client's address; {@link #describe()} has it, for logs).
     */
    public synchronized String summary() {
        String s = state() + " since " + since;
        if (state() == ConnectionState.FAILED) {
            s += ", " + failures + " attempt(s) failed, retrying with backoff; last failure: "
                    + (terminal() ? "the broker refused the credentials" : "the broker could not be reached")
                    + " (details in the server log)";
        }
        return s;
    }

    /** Whether the last failure is one that only a configuration change can fix (refused credentials). */
    public synchronized boolean terminal() {
        return state == ConnectionState.FAILED && lastFailure instanceof JMSSecurityException;
    }

    /** Stops retrying and closes the connection. Idempotent. */
    @Override
    public void close() {
        Connection c;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            c = connection;
            connection = null;
            notifyAll();
        }
        retries.shutdownNow();
        closeQuietly(c);
    }

    /** Handles an event of the Artemis client for connection {@code source}. */
    void onFailoverEvent(Connection source, FailoverEventType event) {
        switch (event) {
            case FAILURE_DETECTED -> change(source, ConnectionState.RECONNECTING,
                    "lost (" + event + "): the client is reconnecting; blocking calls wait up to its callFailoverTimeout");
            case FAILOVER_COMPLETED -> change(source, ConnectionState.CONNECTED, "restored by the client");
            case FAILOVER_FAILED -> lost(source, new JMSException("the client gave up reconnecting (" + event + ")"));
        }
    }

    /** Handles a failure reported by the exception listener of a non-Artemis connection {@code source}. */
    void onException(Connection source, JMSException e) {
        lost(source, e);
    }

    private void open() throws JMSException {
        Connection c = opener.open();
        try {
            if (c instanceof ActiveMQConnection artemis) {
                artemis.setFailoverListener(event -> onFailoverEvent(c, event));
            } else {
                c.setExceptionListener(e -> onException(c, e));
            }
            c.start();
        } catch (JMSException | RuntimeException e) {
            closeQuietly(c);
            throw e;
        }
        boolean keep;
        synchronized (this) {
            keep = !closed;
            if (keep) {
                connection = c;
                generation++;
                notifyAll();
                int attempts = failures;
                failures = 0;
                lastFailure = null;
                transition(ConnectionState.CONNECTED, generation == 1 ? "established"
                        : "re-created after " + attempts + " failed attempt(s) (generation " + generation + ")");
            }
        }
        if (!keep) {
            closeQuietly(c);
        }
    }

    private void change(Connection source, ConnectionState to, String why) {
        synchronized (this) {
            if (source == connection && !closed) {
                transition(to, why);
            }
        }
    }

    private void lost(Connection source, Exception e) {
        synchronized (this) {
            if (source != connection || closed) {
                return;
            }
            connection = null;
            retries.execute(() -> closeQuietly(source));
        }
        failed(e, "failed for good");
    }

    private void failed(Exception e, String what) {
        synchronized (this) {
            if (closed) {
                return;
            }
            failures++;
            boolean wasTerminal = terminal();
            lastFailure = e;
            if (state != ConnectionState.FAILED) {
                transition(ConnectionState.FAILED, what + " (" + e + "): re-creating it with backoff");
            } else {
                LOG.fine(() -> "reconnect attempt " + failures + " failed: " + e);
            }
            if (terminal() && !wasTerminal) {
                LOG.severe(() -> "the broker refuses Tributary's credentials (" + e + "): fix"
                        + " tributary.broker.user / tributary.broker.password; still retrying with backoff");
            }
            if (retryScheduled) {
                return;
            }
            retryScheduled = true;
            Duration delay = backoff.delay(failures);
            retries.schedule(this::retry, delay.toNanos(), TimeUnit.NANOSECONDS);
        }
    }

    private void retry() {
        synchronized (this) {
            retryScheduled = false;
            if (closed) {
                return;
            }
        }
        try {
            open();
        } catch (JMSException | RuntimeException e) {
            failed(e, "failed for good");
        }
    }

    /** Changes the state and logs it, once per change; callers hold this object's lock. */
    private void transition(ConnectionState to, String why) {
        if (to == state) {
            return;
        }
        state = to;
        since = Instant.now();
        Level level = to == ConnectionState.CONNECTED ? Level.INFO : Level.WARNING;
        LOG.log(level, "JMS connection to the broker " + to + ": " + why);
    }

    private static void closeQuietly(Connection c) {
        if (c == null) {
            return;
        }
        try {
            c.close();
        } catch (JMSException | RuntimeException e) {
            LOG.log(Level.FINE, "closing a failed JMS connection: " + e, e);
        }
    }
}
