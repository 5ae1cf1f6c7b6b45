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
 * <p>Thread safety: the session belongs to the listener thread of the Artemis client; {@link #close()}
 * may be called from any thread, as JMS allows.
 */
final class RetryMover implements MessageListener, AutoCloseable {

    /** Appended to a stream's name to name its retry queue; no stream name contains {@code $}. */
    static final String SUFFIX = "$retries";

    private final String stream;
    private final Session session;
    private final MessageProducer toStream;
    private final LoopHealth health;

    /** A mover of the retries of {@code stream} to the destination {@code target} (its queue, see {@link ConsumerSource}). */
    RetryMover(Connection connection, String stream, ConsumerSource.Opener<Destination> target) throws JMSException {
        this.stream = stream;
        this.health = LoopHealth.start("retry mover of stream '" + stream + "'");
        this.session = connection.createSession(true, Session.SESSION_TRANSACTED);
        try {
            this.toStream = session.createProducer(target.open(session));
            this.toStream.setDeliveryMode(DeliveryMode.PERSISTENT);
            MessageConsumer due = session.createConsumer(session.createQueue(stream + SUFFIX));
            due.setMessageListener(this);
        } catch (JMSException | RuntimeException e) {
            Sessions.close(session, "the retry mover of stream '" + stream + "'");
            health.close();
            throw e;
        }
    }

    @Override
    public void onMessage(jakarta.jms.Message retry) {
        try {
            long expiration = retry.getJMSExpiration();
            long ttl = expiration == 0 ? 0 : Math.max(1, expiration - System.currentTimeMillis());
            toStream.send(moved(retry), DeliveryMode.PERSISTENT, retry.getJMSPriority(), ttl);
            session.commit();
            health.succeeded();
        } catch (JMSException | RuntimeException e) {
            Sessions.rollback(session, "the retry mover of stream '" + stream + "'");
            pause(health.failed(e));
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

    /** The retry re-encoded without its schedule; a message this module did not write goes as it is. */
    private jakarta.jms.Message moved(jakarta.jms.Message retry) throws JMSException {
        try {
            Message m = MessageCodec.read(retry, stream);
            return MessageCodec.write(session, m, retry.getStringProperty(MessageCodec.DUPLICATE_ID), null);
        } catch (MessageCodec.Unreadable e) {
            return retry;
        }
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
