package io.tributary.stream.jms;

import io.tributary.stream.Consumer;
import io.tributary.stream.ConsumerOptions;
import io.tributary.stream.Message;
import io.tributary.stream.RedeliveryPolicy;
import io.tributary.stream.StreamClosedException;
import io.tributary.stream.StreamException;
import io.tributary.stream.support.BatchCollector;
import io.tributary.stream.support.OpenBatch;
import io.tributary.stream.support.Settlement;
import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A {@link Consumer} over an Artemis queue (a stream's, or a topic subscription's: {@link ConsumerSource}),
 * on a {@code SESSION_TRANSACTED} JMS session.
 *
 * <p><b>Batches.</b> {@link #receive} waits for the first message, then takes what is immediately
 * available, up to {@code max}, and with a positive {@link ConsumerOptions#linger()} keeps receiving until
 * the linger has passed ({@link BatchCollector}); all of it belongs to the session's open transaction. When the last
 * message of the batch is settled, the settling thread, in that same transaction, sends a copy of each
 * nacked message (attempt + 1, a new duplicate-detection id {@code id#attempt}, the same
 * {@code tributary_id}) either back to the tail of the stream (no delay) or, when the
 * {@link RedeliveryPolicy} asks for a delay, to the stream's retry queue with Artemis' scheduled
 * delivery time, from where a {@link RetryMover} moves it to the tail of the stream when due; past the
 * maximum it sends the dead letter to {@code stream + suffix} instead. Then it commits. The commit
 * acknowledges every original, so acked messages are consumed exactly once and a nacked one lives on
 * only as its copy. If the commit fails the transaction rolls back, the settling call throws
 * {@link StreamException} and the broker delivers the whole batch again; settling a message of that
 * batch afterwards does nothing.
 *
 * <p><b>Close.</b> {@link #close()} with a batch open commits it the same way, each unsettled message
 * going back to the tail of the queue as a copy with attempt + 1 (a JMS transaction cannot keep some
 * received messages and return others, so returning means re-sending, atomically with the commit).
 * If another thread holds the session for more than {@value #CLOSE_LOCK_WAIT_SECONDS} s (a receive
 * still waiting), close rolls the whole open transaction back instead: every message of it is
 * delivered again.
 *
 * <p><b>Refused at receive.</b> An {@code ObjectMessage}, {@code MapMessage} or {@code StreamMessage},
 * a message that cannot be decoded (including a body over {@code maxMessageBytes}, or one whose declared
 * length is not what it carries, see {@link MessageCodec}), and a message whose attempt is already past the maximum (its
 * consumers closed or died while handling it, again and again; dead letters themselves are exempt), are
 * never handed out: their dead letter is sent in the same transaction, and committed with the batch
 * (at once if nothing else arrived). Whatever decoding throws, for any message any client sent (no
 * {@code JMSMessageID}, a codec property of another type, a body that lies about its length), is such a
 * refusal, with a reason naming the message, the field and its value's type: it never rolls the batch
 * back and never reaches the caller. A receive that fails otherwise (the connection) rolls back
 * everything it took and throws {@link StreamException}: nothing of it is acknowledged by a later commit.
 *
 * <p><b>Attempts.</b> {@code tributary_attempt} (the attempt a message was sent for) plus the broker's
 * redeliveries of it ({@code JMSXDeliveryCount - 1}, after a rollback or a lost consumer).
 *
 * <p><b>Broker outage.</b> While the connection is lost and the Artemis client is reconnecting, a
 * {@code receive} does not return after {@code wait}: the client ends every timed receive with a
 * round trip to the broker, which waits for the reconnection. Commits during an outage fail after
 * the client's {@code callFailoverTimeout} ({@link StreamException}; the batch is delivered again).
 *
 * <p>Thread safety: every use of the session is serialized by one lock, so {@code ack} and
 * {@code nack} may come from any thread.
 */
final class JmsConsumer implements Consumer {

    private static final Logger LOG = Logger.getLogger(JmsConsumer.class.getName());
    /** How long {@link #close()} waits for a receive or commit of another thread before rolling back. */
    private static final int CLOSE_LOCK_WAIT_SECONDS = 5;

    private final String stream;
    private final ConsumerOptions options;
    private final Runnable onClose;
    private final ReentrantLock lock = new ReentrantLock();
    private final OpenBatch batch;
    private final Session session;
    private final SettlementSends sends;
    private final RetryMover mover;
    private final MessageConsumer consumer;
    private final QueueBacklog backlog;
    private volatile boolean closed;

    JmsConsumer(Connection connection, String stream, String deadLetterStream, ConsumerOptions options,
            int maxMessageBytes, Runnable onClose) throws JMSException {
        this(connection, ConsumerSource.queue(stream), deadLetterStream, options, maxMessageBytes, onClose);
    }

    /** A consumer of {@code source}: a stream's queue or a topic subscription's queue. */
    JmsConsumer(Connection connection, ConsumerSource source, String deadLetterStream, ConsumerOptions options,
            int maxMessageBytes, Runnable onClose) throws JMSException {
        this.stream = source.stream();
        this.options = options;
        this.onClose = onClose;
        this.batch = new OpenBatch(stream);
        this.session = connection.createSession(true, Session.SESSION_TRANSACTED);
        try {
            this.sends = new SettlementSends(session, source, deadLetterStream, options, maxMessageBytes, false);
            this.consumer = source.opener().open(session);
            this.backlog = new QueueBacklog(connection, List.of(source.queue(), stream + RetryMover.SUFFIX));
            this.mover = new RetryMover(connection, stream, source.target());
        } catch (JMSException | RuntimeException e) {
            Sessions.close(session, owner());
            throw e;
        }
    }

    @Override
    public String stream() {
        return stream;
    }

    @Override
    public List<Message> receive() throws InterruptedException {
        return receive(options.batchSize(), options.receiveWait());
    }

    @Override
    public List<Message> receive(int max, Duration wait) throws InterruptedException {
        ConsumerOptions.checkReceive(max, wait);
        checkOpen();
        batch.checkSettled();
        if (Thread.interrupted()) {
            throw new InterruptedException("receive from stream '" + stream + "' interrupted");
        }
        lock.lock();
        try {
            mover.moveDue();
            sends.clearSetAside();
            List<Message> taken = BatchCollector.collect((n, deadline) -> sends.take(consumer, n, deadline), max, wait,
                    options.linger());
            checkOpen();
            if (taken.isEmpty() && sends.setAside() > 0) {
                session.commit();
            }
            batch.begin(taken);
            return taken;
        } catch (JMSException | RuntimeException e) {
            Sessions.rollback(session, owner());
            if (Thread.interrupted() || interruption(e)) {
                throw new InterruptedException("receive from stream '" + stream + "' interrupted; nothing taken");
            }
            checkOpen();
            throw new StreamException("receive from stream '" + stream + "' failed, nothing taken (rolled back): "
                    + e, e);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void ack(Message message) {
        settle(message, true, null);
    }

    @Override
    public void nack(Message message, String reason) {
        settle(message, false, reason);
    }

    @Override
    public long backlog() {
        checkOpen();
        return backlog.count();
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        boolean locked = false;
        try {
            locked = lock.tryLock(CLOSE_LOCK_WAIT_SECONDS, TimeUnit.SECONDS);
            if (locked) {
                List<Settlement> all = batch.release();
                if (!all.isEmpty()) {
                    commit(all);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (StreamException e) {
            LOG.warning(() -> "closing consumer of stream '" + stream + "': " + e.getMessage());
        } finally {
            batch.abandon();
            Sessions.close(session, owner());
            if (locked) {
                lock.unlock();
            }
            backlog.close();
            mover.close();
            onClose.run();
        }
    }

    private void settle(Message message, boolean ack, String reason) {
        checkOpen();
        lock.lock();
        try {
            checkOpen();
            List<Settlement> all = batch.settle(message, ack, reason);
            if (!all.isEmpty()) {
                commit(all);
            }
        } finally {
            lock.unlock();
        }
    }

    private void commit(List<Settlement> all) {
        try {
            for (Settlement s : all) {
                if (s.outcome() == Settlement.Outcome.NACK) {
                    sends.nack(s.message(), s.reason());
                } else if (s.outcome() == Settlement.Outcome.RELEASE) {
                    sends.release(s.message());
                }
            }
            session.commit();
        } catch (JMSException e) {
            Sessions.rollback(session, owner());
            batch.failed(all);
            LOG.log(Level.WARNING, "commit of a batch of " + all.size() + " from stream '" + stream
                    + "' failed; the broker delivers it again", e);
            throw new StreamException("commit of a batch of " + all.size() + " message(s) from stream '" + stream
                    + "' failed, the whole batch will be delivered again: " + e, e);
        }
    }

    /** Whether {@code e} reports an interrupt (the Artemis client clears the flag and wraps it). */
    private static boolean interruption(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof InterruptedException) {
                return true;
            }
        }
        return false;
    }

    private String owner() {
        return "the consumer of stream '" + stream + "'";
    }

    private void checkOpen() {
        if (closed) {
            throw new StreamClosedException("consumer of stream '" + stream + "' is closed");
        }
    }
}
