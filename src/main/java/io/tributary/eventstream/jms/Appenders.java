package io.tributary.eventstream.jms;

import io.tributary.eventstream.NewEvent;
import io.tributary.eventstream.StreamIdentity;
import io.tributary.stream.StreamException;
import io.tributary.stream.jms.ConnectionSupervisor;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSException;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;

import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;

/**
 * A bounded pool of producer sessions on the intake queue, so that appends from several threads of one
 * instance are journaled concurrently (the broker syncs them together) instead of one after another.
 * At most {@code size} sessions exist; a thread finding none idle waits for one. A session whose send
 * failed is closed and replaced on demand (a waiting thread looks again every {@value #WAIT_MILLIS} ms
 * whether it may open one). Sessions are opened on the supervised connection's live generation; an idle
 * session of an older one (the supervisor re-created the connection) is dropped when next taken. Thread safe.
 */
final class Appenders implements AutoCloseable {

    /** How long a waiting thread waits before it looks again whether it may open a session itself. */
    private static final long WAIT_MILLIS = 50;
    /** Attempts per append, and the pause before the n-th resend (n times this). */
    private static final int ATTEMPTS = 3;
    private static final long RETRY_MILLIS = 20;
    private static final Logger LOG = Logger.getLogger(Appenders.class.getName());

    private final ConnectionSupervisor supervisor;
    private final StreamIdentity stream;
    private final EventQueues queues;
    private final int size;
    private final BlockingQueue<Appender> idle;
    private final AtomicInteger created = new AtomicInteger();

    Appenders(ConnectionSupervisor supervisor, StreamIdentity stream, EventQueues queues, int size) {
        this.supervisor = supervisor;
        this.stream = stream;
        this.queues = queues;
        this.size = size;
        this.idle = new ArrayBlockingQueue<>(size);
    }

    /**
     * Sends {@code events} as one persistent intake message; returns once the broker journaled it. A
     * failed send is retried on a fresh session, up to {@value #ATTEMPTS} attempts in all, with the same
     * duplicate-detection id, so a send that did reach the broker before the failure is not stored twice.
     */
    void send(List<NewEvent> events) {
        String appendId = IntakeBatch.newId();
        for (int attempt = 1; ; attempt++) {
            Appender appender = acquire();
            try {
                appender.producer.send(IntakeBatch.encode(appender.session, events, appendId));
                idle.add(appender);
                return;
            } catch (JMSException | RuntimeException e) {
                discard(appender);
                if (attempt == ATTEMPTS) {
                    throw new StreamException("event stream " + stream + ": append " + appendId + " of " + events.size()
                            + " events failed " + ATTEMPTS + " times and may or may not have been stored: " + e, e);
                }
                LOG.warning("event stream " + stream + ": append " + appendId + " failed (" + e + "); resending, attempt "
                        + (attempt + 1) + " of " + ATTEMPTS);
                pause(attempt);
            }
        }
    }

    private void pause(int attempt) {
        try {
            TimeUnit.MILLISECONDS.sleep(RETRY_MILLIS * attempt);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StreamException("event stream " + stream + ": interrupted while resending an append");
        }
    }

    @Override
    public void close() {
        Appender appender;
        while ((appender = idle.poll()) != null) {
            discard(appender);
        }
    }

    private Appender acquire() {
        try {
            while (true) {
                Appender appender = idle.poll();
                if (appender != null && appender.generation != supervisor.link().generation()) {
                    discard(appender);
                    continue;
                }
                if (appender != null) {
                    return appender;
                }
                if (created.incrementAndGet() <= size) {
                    return open();
                }
                created.decrementAndGet();
                appender = idle.poll(WAIT_MILLIS, TimeUnit.MILLISECONDS);
                if (appender != null) {
                    idle.add(appender);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StreamException("event stream " + stream + ": interrupted while waiting to append");
        }
    }

    private Appender open() {
        try {
            return new Appender(supervisor.link(), queues);
        } catch (JMSException | RuntimeException e) {
            created.decrementAndGet();
            throw new StreamException("event stream " + stream + ": cannot open an append session: " + e, e);
        }
    }

    private void discard(Appender appender) {
        created.decrementAndGet();
        try {
            appender.session.close();
        } catch (JMSException alreadyGone) {
            LOG.fine(() -> "event stream " + stream + ": append session was already gone: " + alreadyGone);
        }
    }

    /** One session of one connection generation and its intake producer, used by one thread at a time. */
    private static final class Appender {
        private final Session session;
        private final MessageProducer producer;
        private final long generation;

        Appender(ConnectionSupervisor.Link link, EventQueues queues) throws JMSException {
            this.generation = link.generation();
            this.session = link.connection().createSession(false, Session.AUTO_ACKNOWLEDGE);
            this.producer = session.createProducer(queues.intake(session));
            producer.setDeliveryMode(DeliveryMode.PERSISTENT);
        }
    }
}
