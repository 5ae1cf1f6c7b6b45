package io.tributary.eventstream.jms;

import io.tributary.eventstream.BackoffStrategy;
import io.tributary.eventstream.Cursor;
import io.tributary.eventstream.EventStreamRegistry;
import io.tributary.eventstream.NewEvent;
import io.tributary.eventstream.RetainedRange;
import io.tributary.eventstream.Retention;
import io.tributary.eventstream.StreamIdentity;
import io.tributary.eventstream.support.AbstractEventStream;
import io.tributary.stream.StreamClosedException;
import io.tributary.stream.StreamException;
import jakarta.jms.ConnectionFactory;

import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * A {@link JmsEventStream} that exists before its broker is reachable: made while the broker is down (an
 * application starting before its broker), it does not fail but keeps trying to connect on a thread of its
 * own, with backoff, until it connects or is closed; {@link #connected()} says which, for readiness.
 *
 * <p>Until it is connected, {@link #append} and {@link #open} try to connect once more themselves and, if
 * the broker is still away, throw {@link StreamException} naming the stream and the last failure: nothing
 * is accepted that is not on the broker. Once connected it is exactly the {@link JmsEventStream}, with its
 * guarantees. {@link #close()} stops the attempts (waiting at most {@value #CLOSE_WAIT_SECONDS} s for one
 * under way) and closes the stream. Thread-safe.
 */
public final class DeferredEventStream extends AbstractEventStream {

    private static final Logger LOG = Logger.getLogger(DeferredEventStream.class.getName());
    private static final int CLOSE_WAIT_SECONDS = 10;

    private final ConnectionFactory factory;
    private final BackoffStrategy backoff;
    private final CountDownLatch closing = new CountDownLatch(1);
    private final Object lock = new Object();
    private final Thread connector;
    private volatile JmsEventStream stream;
    private volatile String lastFailure = "not tried yet";
    private boolean closed;

    /**
     * Connects at once if it can, else starts connecting in the background.
     *
     * @param backoff the wait after each failed attempt
     */
    public DeferredEventStream(ConnectionFactory factory, StreamIdentity identity, Set<String> eventTypes,
            Retention retention, BackoffStrategy backoff) {
        super(identity, eventTypes, retention);
        this.factory = factory;
        this.backoff = backoff;
        if (tryConnect()) {
            connector = null;
        } else {
            LOG.warning(() -> "event stream " + identity() + " cannot reach the broker yet (" + lastFailure
                    + "); it keeps trying in the background");
            connector = new Thread(this::connectUntilClosed, "tributary-eventstream-connect-" + identity());
            connector.setDaemon(true);
            connector.start();
        }
    }

    /** An {@link EventStreamRegistry.Opener} of deferred streams on {@code factory}. */
    public static EventStreamRegistry.Opener opener(ConnectionFactory factory, BackoffStrategy backoff) {
        return (identity, types, retention) -> new DeferredEventStream(factory, identity, types, retention, backoff);
    }

    /** Whether the stream is connected to the broker (it stays so; see {@link JmsEventStream} for outages). */
    public boolean connected() {
        return stream != null;
    }

    /**
     * {@code connected}, or that it waits for the broker: generic, since health shows it to anyone; the
     * failure itself is in the server log.
     */
    public String state() {
        return connected() ? "connected" : "waiting for the broker (details in the server log)";
    }

    @Override
    public void append(List<NewEvent> events) {
        types().checkAppend(events);
        connectedStream().append(events);
    }

    @Override
    public Cursor open(long offset, Set<String> filter) {
        types().checkOpen(offset, filter);
        return connectedStream().open(offset, filter);
    }

    /**
     * {@inheritDoc}
     *
     * @throws StreamException if not connected to the broker yet
     */
    @Override
    public long head() {
        return connectedStream().head();
    }

    /**
     * {@inheritDoc}
     *
     * @throws StreamException if not connected to the broker yet
     */
    @Override
    public RetainedRange retained() {
        return connectedStream().retained();
    }

    @Override
    public void close() {
        synchronized (lock) {
            if (closed) {
                return;
            }
            closed = true;
        }
        closing.countDown();
        if (connector != null) {
            try {
                connector.join(TimeUnit.SECONDS.toMillis(CLOSE_WAIT_SECONDS));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        synchronized (lock) {
            if (stream != null) {
                stream.close();
            }
        }
    }

    private JmsEventStream connectedStream() {
        if (!tryConnect()) {
            synchronized (lock) {
                if (closed) {
                    throw new StreamClosedException("event stream " + identity() + " is closed");
                }
            }
            throw new StreamException("event stream " + identity() + " is not connected to the broker yet: "
                    + lastFailure);
        }
        return stream;
    }

    private boolean tryConnect() {
        synchronized (lock) {
            if (stream != null) {
                return true;
            }
            if (closed) {
                return false;
            }
            try {
                stream = new JmsEventStream(factory, identity(), eventTypes(), retention());
                return true;
            } catch (RuntimeException e) {
                lastFailure = String.valueOf(e.getMessage());
                return false;
            }
        }
    }

    private void connectUntilClosed() {
        int failures = 1;
        try {
            while (!tryConnect()) {
                if (closing.await(backoff.delay(failures++).toMillis(), TimeUnit.MILLISECONDS)) {
                    return;
                }
            }
            int attempts = failures;
            LOG.info(() -> "event stream " + identity() + " connected to the broker after " + attempts + " attempts");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
