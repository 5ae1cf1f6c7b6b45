package io.tributary.eventstream.jms;

import io.tributary.eventstream.ExponentialBackoff;
import io.tributary.eventstream.NewEvent;
import io.tributary.eventstream.Retention;
import io.tributary.eventstream.StreamIdentity;
import io.tributary.stream.StreamException;
import io.tributary.stream.jms.ConnectionSupervisor;
import io.tributary.stream.jms.JmsMessages;
import io.tributary.supervision.LoopHealth;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.Session;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * Gives appended events their offsets: drains the exclusive intake queue and, per transaction, moves up
 * to {@value #MAX_EVENTS_PER_TRANSACTION} events (whole appends only) to the retained queue with the next
 * offsets, updates the head, and removes the appends from intake. Every application instance runs one;
 * the broker delivers intake to only one of them at a time (exclusive queue).
 *
 * <p>Each transaction starts by reading the head, after the sequencer received an intake message, i.e.
 * while it is the active consumer. A sequencer that was not active, or lost its session, therefore
 * never works from a stale offset (and a second write of an offset would be refused by the broker's
 * duplicate detection, rolling the transaction back). The head read is never allowed to go backwards within a
 * session: the next offset is the larger of the head read and what this session's last commit wrote, so a read
 * that lags behind (a browse of the last-value head queue that still shows an older head, or a stale head another
 * instance wrote) cannot give an offset twice; and the first read of a session that finds no head at all is
 * checked against the head queue's message count (through the broker's management) before offset 0 is given, so
 * a browse that came back empty too early does not restart the stream at 0. The broker's duplicate detection
 * would refuse a second write of an offset only while that offset is among the last ids it remembers.
 *
 * <p>If it dies mid-transaction, the broker rolls back: the appends
 * return to the front of intake (in order) and none of their events or the head moved, so the next
 * active sequencer gives the same offsets. A failed session is recreated after a capped exponential
 * backoff, on the supervised connection's live generation (so the sequencer outlives a connection the
 * supervisor had to re-create); its {@link LoopHealth} shows it {@code RECOVERING} in readiness meanwhile,
 * and the first failure in a row is logged at WARNING, the recovery at INFO. Any {@link Throwable}
 * (an {@link Error} too) ends only the current transaction, never the thread. An intake message that
 * cannot be decoded is no failure: it is dead-lettered to the invalid queue with its reason, in the
 * transaction that sequences the appends around it. Runs on its own thread; {@link #stop()} ends it.
 */
final class Sequencer implements Runnable {

    static final int MAX_EVENTS_PER_TRANSACTION = 1_000;
    /** The wait before the n-th attempt after consecutive failures: from 50 ms, doubling up to 5 s. */
    private static final ExponentialBackoff BACKOFF = new ExponentialBackoff(Duration.ofMillis(50), Duration.ofSeconds(5));
    private static final Logger LOG = Logger.getLogger(Sequencer.class.getName());
    private static final long POLL_MILLIS = 200;

    private final ConnectionSupervisor supervisor;
    private final StreamIdentity stream;
    private final EventQueues queues;
    private final Retention retention;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final Thread thread;
    private final LoopHealth health;
    /** The head this session's last commit wrote, or -1 before its first commit; sequencer thread only. */
    private long committedNext = -1;

    Sequencer(ConnectionSupervisor supervisor, StreamIdentity stream, EventQueues queues, Retention retention) {
        this.supervisor = supervisor;
        this.stream = stream;
        this.queues = queues;
        this.retention = retention;
        this.thread = new Thread(this, "tributary-sequencer-" + stream);
        this.thread.setDaemon(true);
        this.health = LoopHealth.start("sequencer of event stream " + stream, BACKOFF);
    }

    void start() {
        thread.start();
    }

    /** Stops the loop and waits (bounded) for the current transaction to end. */
    void stop() {
        stopped.countDown();
        try {
            thread.join(TimeUnit.SECONDS.toMillis(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            health.close();
        }
    }

    @Override
    public void run() {
        while (stopped.getCount() > 0) {
            try (Session session = supervisor.link().connection().createSession(true, Session.SESSION_TRANSACTED)) {
                drain(session);
            } catch (Throwable e) {
                if (stopped.getCount() == 0) {
                    break;
                }
                awaitStop(health.failed(e));
            }
        }
    }

    private void drain(Session session) throws JMSException {
        committedNext = -1;
        Queue head = queues.head(session);
        try (MessageConsumer intake = session.createConsumer(queues.intake(session));
             MessageProducer events = session.createProducer(queues.retained(session));
             MessageProducer heads = session.createProducer(head);
             MessageProducer invalid = session.createProducer(queues.invalid(session))) {
            events.setDeliveryMode(DeliveryMode.PERSISTENT);
            retention.maxAge().ifPresent(age -> setTimeToLive(events, age));
            heads.setDeliveryMode(DeliveryMode.PERSISTENT);
            while (stopped.getCount() > 0) {
                Message first = intake.receive(POLL_MILLIS);
                if (first != null) {
                    sequence(session, first, intake, new Targets(events, heads, head, invalid));
                }
            }
        }
    }

    private void sequence(Session session, Message first, MessageConsumer intake, Targets to) throws JMSException {
        long next = nextOffset(session, to.head);
        Instant now = Instant.now();
        int count = 0;
        Message append = first;
        try {
            do {
                List<NewEvent> decoded = decodeOrSetAside(append, to.invalid, session);
                for (NewEvent event : decoded) {
                    to.events.send(RetainedEvents.toMessage(session, stream, event.at(next++, now)));
                    count++;
                }
            } while (count < MAX_EVENTS_PER_TRANSACTION && (append = intake.receiveNoWait()) != null);
            to.heads.send(RetainedEvents.head(session, next));
            session.commit();
        } catch (Throwable e) {
            rollback(session, e);
            throw e;
        }
        committedNext = next;
        health.succeeded();
    }

    /**
     * The offset the next event gets: the head as read now, but never less than what this session committed last,
     * and never 0 while the head queue holds a head the browse did not show.
     *
     * @throws StreamException if the browse found no head although the head queue holds one (the transaction is
     *                         then retried after the backoff)
     */
    private long nextOffset(Session session, Queue head) throws JMSException {
        long read = RetainedEvents.readHead(session, head);
        if (read < committedNext) {
            LOG.fine(() -> "event stream " + stream + ": the head read " + read + " is behind this sequencer's last"
                    + " commit; giving offsets from " + committedNext);
            return committedNext;
        }
        if (read == 0 && committedNext < 0 && queues.headCount(supervisor.link().connection()) > 0) {
            throw new StreamException("event stream " + stream + ": the browse of its head queue found no head"
                    + " although the queue holds one; reading it again");
        }
        return read;
    }

    private static void rollback(Session session, Throwable cause) {
        try {
            session.rollback();
        } catch (JMSException | RuntimeException e) {
            cause.addSuppressed(e);
        }
    }

    /**
     * The events of an intake message. A message that cannot be decoded as an append (whatever decoding
     * throws: another body type, a count or length out of range, a body cut short, bytes that are not
     * modified UTF-8) yields none: its dead letter, with the reason, goes to the invalid queue in the same
     * transaction, so it neither blocks the stream nor is lost.
     */
    private List<NewEvent> decodeOrSetAside(Message append, MessageProducer invalid, Session session)
            throws JMSException {
        try {
            return IntakeBatch.decode(append);
        } catch (Throwable e) {
            if (!JmsMessages.isMessageFault(e)) {
                throw e;
            }
            String reason = "event stream " + stream + ": " + JmsMessages.refusal(append, "body", e);
            LOG.warning(reason + "; moved to the invalid queue");
            invalid.send(JmsMessages.deadLetter(session, append, queues.intakeName(), reason));
            return List.of();
        }
    }

    /** Where one transaction writes. */
    private record Targets(MessageProducer events, MessageProducer heads, Queue head, MessageProducer invalid) {
    }

    private static void setTimeToLive(MessageProducer producer, Duration age) {
        try {
            producer.setTimeToLive(age.toMillis());
        } catch (JMSException e) {
            throw new IllegalStateException("cannot set the time to live " + age, e);
        }
    }

    private void awaitStop(Duration delay) {
        try {
            stopped.await(delay.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopped.countDown();
        }
    }
}
