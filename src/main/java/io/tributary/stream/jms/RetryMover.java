package io.tributary.stream.jms;

import io.tributary.stream.Message;
import io.tributary.supervision.LoopHealth;
import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.Destination;
import jakarta.jms.JMSException;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageListener;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Moves delayed retries of one stream to the tail of the stream when they are due.
 *
 * <p>A nack with a delay sends its copy to the stream's retry queue ({@code stream + }{@value #SUFFIX})
 * with Artemis' scheduled delivery time. Artemis hands a scheduled message to consumers only when it is
 * due, but then puts it at the head of its queue; going through this second queue puts it at the tail
 * of the stream instead, behind every message already waiting, as the contract promises. The move is
 * one transaction (receive from the retry queue, send to the stream, commit), on a session of its own
 * whose listener Artemis calls when a retry falls due; every consumer runs one, so retries move while
 * any consumer of the stream is open, and each retry moves once.
 *
 * <p><b>Failures.</b> A move that fails is rolled back (the retry stays in the retry queue and is
 * delivered to the mover again) after a backoff on the listener thread; the mover's {@link LoopHealth}
 * shows it {@code RECOVERING} in readiness meanwhile, and each change of state is logged once. The mover
 * lives as long as its consumer: after a re-created connection the consumer re-opens, and with it a mover.
 *
 * <p>Where the connection forbids message listeners (a Jakarta EE server's connection factory, in
 * container-managed mode) the mover listens to nothing and its consumer calls {@link #moveDue()} at each
 * receive instead: retries then move while a consumer of the stream is receiving, at most
 * {@value #MOVES_PER_RECEIVE} per receive, and a failed move waits for the next receive instead of a backoff.
 *
 * <p>Thread safety: the session belongs to the listener thread of the Artemis client, or without a
 * listener to the thread of the consumer's receive; {@link #close()} may be called from any thread, as JMS
 * allows.
 */
final class RetryMover implements MessageListener, AutoCloseable {

    /** Appended to a stream's name to name its retry queue; no stream name contains {@code $}. */
    static final String SUFFIX = "$retries";

    /** Retries moved at most per {@link #moveDue()}. */
    static final int MOVES_PER_RECEIVE = 100;

    private static final Logger LOG = Logger.getLogger(RetryMover.class.getName());

    private final String stream;
    private final Session session;
    private final MessageProducer toStream;
    private final LoopHealth health;
    /** The retry queue's consumer when no listener is allowed, else null. */
    private final MessageConsumer pulled;

    /** A mover of the retries of {@code stream} to the destination {@code target} (its queue, see {@link ConsumerSource}). */
    RetryMover(Connection connection, String stream, ConsumerSource.Opener<Destination> target) throws JMSException {
        this.stream = stream;
        this.health = LoopHealth.start("retry mover of stream '" + stream + "'");
        this.session = connection.createSession(true, Session.SESSION_TRANSACTED);
        try {
            this.toStream = session.createProducer(target.open(session));
            this.toStream.setDeliveryMode(DeliveryMode.PERSISTENT);
            MessageConsumer due = session.createConsumer(session.createQueue(stream + SUFFIX));
            this.pulled = listenOrPull(due);
        } catch (JMSException | RuntimeException e) {
            Sessions.close(session, "the retry mover of stream '" + stream + "'");
            health.close();
            throw e;
        }
    }

    private MessageConsumer listenOrPull(MessageConsumer due) throws JMSException {
        try {
            due.setMessageListener(this);
            return null;
        } catch (jakarta.jms.IllegalStateException forbidden) {
            LOG.fine(() -> "retries of stream '" + stream + "' move at each receive (" + forbidden.getMessage() + ")");
            return due;
        }
    }

    /** Moves the retries that are due now, unless a listener does; never throws. */
    void moveDue() {
        if (pulled == null) {
            return;
        }
        try {
            for (int i = 0; i < MOVES_PER_RECEIVE; i++) {
                jakarta.jms.Message retry = pulled.receiveNoWait();
                if (retry == null || move(retry) != null) {
                    return;
                }
            }
        } catch (JMSException | RuntimeException e) {
            LOG.log(Level.FINE, "cannot look for due retries of stream '" + stream + "'; the next receive tries again", e);
        }
    }

    @Override
    public void onMessage(jakarta.jms.Message retry) {
        Duration backoff = move(retry);
        if (backoff != null) {
            pause(backoff);
        }
    }

    /** Moves one retry in its own transaction; null if it moved, else the backoff its failure calls for. */
    private Duration move(jakarta.jms.Message retry) {
        try {
            forward(session, toStream, retry, stream);
            session.commit();
            health.succeeded();
            return null;
        } catch (JMSException | RuntimeException e) {
            Sessions.rollback(session, "the retry mover of stream '" + stream + "'");
            return health.failed(e);
        }
    }

    /** Backs off on the listener thread before the retry is delivered again; an interrupt ends the wait. */
    private static void pause(Duration delay) {
        try {
            TimeUnit.NANOSECONDS.sleep(delay.toNanos());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Sends {@code retry}, re-encoded without its schedule (a message this module did not write goes as it
     * is), with {@code toStream} of {@code session}, in the session's transaction.
     */
    static void forward(Session session, MessageProducer toStream, jakarta.jms.Message retry, String stream)
            throws JMSException {
        long expiration = retry.getJMSExpiration();
        long ttl = expiration == 0 ? 0 : Math.max(1, expiration - System.currentTimeMillis());
        jakarta.jms.Message moved;
        try {
            Message m = MessageCodec.read(retry, stream);
            moved = MessageCodec.write(session, m, retry.getStringProperty(MessageCodec.DUPLICATE_ID), null);
        } catch (MessageCodec.Unreadable e) {
            moved = retry;
        }
        toStream.send(moved, DeliveryMode.PERSISTENT, retry.getJMSPriority(), ttl);
    }

    @Override
    public void close() {
        try {
            Sessions.close(session, "the retry mover of stream '" + stream + "'");
        } finally {
            health.close();
        }
    }
}
