package io.tributary.eventstream.jms;

import io.tributary.eventstream.Cursor;
import io.tributary.eventstream.EventStream;
import io.tributary.eventstream.NewEvent;
import io.tributary.eventstream.RetainedRange;
import io.tributary.eventstream.Retention;
import io.tributary.eventstream.StreamIdentity;
import io.tributary.eventstream.Truncated;
import io.tributary.eventstream.support.AbstractEventStream;
import io.tributary.stream.StreamClosedException;
import io.tributary.stream.StreamException;
import io.tributary.stream.jms.ConnectionSupervisor;
import io.tributary.stream.jms.JmsStreams;
import io.tributary.stream.jms.Reopening;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSException;
import jakarta.jms.Session;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;

/**
 * An {@link EventStream} on ActiveMQ Artemis, shared by every application instance that opens the same
 * {@link StreamIdentity} on the same broker. See the package documentation for the design and why it
 * keeps the contract's guarantees.
 *
 * <p>Each instance holds one JMS connection, kept alive by a {@link ConnectionSupervisor} (re-created
 * with backoff when the Artemis client gives up): appends go through a pool of up to {@value #APPEND_SESSIONS}
 * producer sessions (each append is a blocking persistent send, so it returns only once the broker
 * journaled it; concurrent appends share the broker's journal syncs), a {@link Sequencer} runs on its own
 * thread, a control session answers {@link #open}'s question of where the retained range starts, and
 * every cursor has its own session. The append sessions, the sequencer and the control session move to
 * the re-created connection by themselves; a cursor opened on the old one fails and is opened again by
 * its caller (a {@link io.tributary.eventstream.StreamConsumer} does that with backoff). Thread safe. {@link #close()} stops the sequencer (another
 * instance's takes over), closes the cursors and the connection.
 *
 * <p>Every instance of one stream should be given the same event types and retention: the ring size is
 * fixed when the queues are first declared, and the age limit is applied by whichever sequencer is
 * active. Appends made one after another by one thread keep their order in the stream.
 */
public final class JmsEventStream extends AbstractEventStream {

    /** The most sessions one instance appends through at once; more appending threads wait their turn. */
    public static final int APPEND_SESSIONS = 8;
    /** Every queue of an event stream is named {@code tributary.events.<owner>.<name>.<role>}. */
    public static final String QUEUE_PREFIX = "tributary.events.";
    private static final Logger LOG = Logger.getLogger(JmsEventStream.class.getName());

    private final EventQueues queues;
    private final ConnectionSupervisor supervisor;
    private final Appenders appenders;
    private final Reopening<Session> controlSession;
    private final Sequencer sequencer;
    private final Set<JmsCursor> cursors = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    /**
     * Connects to the stream {@code identity} through {@code factory}, declaring its queues if they do not
     * exist (with {@code retention}) and starting this instance's sequencer.
     *
     * @throws StreamException if the broker cannot be reached or refuses the queues
     */
    public JmsEventStream(ConnectionFactory factory, StreamIdentity identity, Set<String> eventTypes, Retention retention) {
        super(identity, eventTypes, retention);
        this.queues = new EventQueues(identity());
        this.supervisor = new ConnectionSupervisor(factory, JmsStreams.DEFAULT_RECONNECT_BACKOFF);
        try {
            supervisor.connect();
        } catch (StreamException e) {
            throw new StreamException("event stream " + identity() + ": cannot connect to the broker: " + e.getCause(),
                    e.getCause());
        }
        try {
            this.controlSession = new Reopening<>(supervisor, "control session of event stream " + identity(),
                    c -> c.createSession(false, Session.AUTO_ACKNOWLEDGE));
            queues.declare(controlSession.current(), identity(), retention);
            this.appenders = new Appenders(supervisor, identity(), queues, APPEND_SESSIONS);
            this.sequencer = new Sequencer(supervisor, identity(), queues, retention);
        } catch (JMSException | RuntimeException e) {
            supervisor.close();
            throw e instanceof StreamException se ? se
                    : new StreamException("event stream " + identity() + ": cannot set up on the broker: " + e, e);
        }
        sequencer.start();
        LOG.info(() -> "event stream " + identity() + " connected (" + queues + ", " + retention + ")");
    }

    /**
     * {@inheritDoc}
     *
     * <p>The append is one persistent message on the intake queue carrying a duplicate-detection id; if
     * this method throws, the append may or may not have been journaled.
     */
    @Override
    public void append(List<NewEvent> events) {
        List<NewEvent> checked = types().checkAppend(events);
        ensureOpen();
        appenders.send(checked);
    }

    @Override
    public Cursor open(long offset, Set<String> filter) {
        Set<String> checked = types().checkOpen(offset, filter);
        ensureOpen();
        try {
            long first = retained().first();
            if (offset < first) {
                throw new Truncated(identity(), offset, first);
            }
            JmsCursor cursor = new JmsCursor(this, supervisor.link().connection(), queues, offset, checked);
            cursors.add(cursor);
            if (closed) {
                cursor.shutdown();
            }
            return cursor;
        } catch (JMSException e) {
            throw new StreamException("event stream " + identity() + ": cannot open at offset " + offset + ": " + e, e);
        }
    }

    /**
     * {@inheritDoc}
     *
     * <p>Read from the head queue's last value.
     */
    @Override
    public long head() {
        return control((session, head) -> head);
    }

    /**
     * {@inheritDoc}
     *
     * <p>The first retained offset is the head less the retained queue's message count. The head is read
     * first, so an append sequenced in between can only make the first offset lower than the truth, never
     * higher.
     */
    @Override
    public RetainedRange retained() {
        return control((session, head) -> new RetainedRange(Math.max(0, head - queues.retainedCount(session)), head));
    }

    /** What {@code reading} makes of the control session and the head, read on that session. */
    private <T> T control(HeadReading<T> reading) {
        ensureOpen();
        Session control = controlSession.current();
        synchronized (control) {
            try {
                return reading.apply(control, RetainedEvents.readHead(control, queues.head(control)));
            } catch (JMSException e) {
                throw new StreamException("event stream " + identity() + ": cannot read the retained range: " + e, e);
            }
        }
    }

    /** A reading on the control session, given the head. */
    @FunctionalInterface
    private interface HeadReading<T> {
        T apply(Session session, long head) throws JMSException;
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        sequencer.stop();
        cursors.forEach(JmsCursor::shutdown);
        appenders.close();
        controlSession.close();
        supervisor.close();
        LOG.info(() -> "event stream " + identity() + " closed");
    }

    void forget(JmsCursor cursor) {
        cursors.remove(cursor);
    }

    private void ensureOpen() {
        if (closed) {
            throw new StreamClosedException("event stream " + identity() + " is closed");
        }
    }
}
