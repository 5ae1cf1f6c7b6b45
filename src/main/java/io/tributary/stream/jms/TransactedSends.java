package io.tributary.stream.jms;

import io.tributary.stream.Message;
import io.tributary.stream.StreamException;
import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.logging.Logger;

/**
 * The transacted sends of a {@link JmsProducer} ({@code sendAll}): one {@code SESSION_TRANSACTED}
 * session, opened on first use, that sends a batch and commits it.
 *
 * <p><b>Failover.</b> When a failover interrupts the batch ({@link FailoverErrors#interruptedByFailover}:
 * rolled back, or a commit whose outcome is unknown), the batch is sent again in a new transaction with
 * the same duplicate-detection ids, until it commits or the timeout given to {@link #commit} has passed.
 * If the broker then rejects a duplicate id, the earlier commit did succeed for at least that message:
 * the batch is handed to {@code oneByOne} (non-transacted sends, where the broker drops what it has
 * already routed and routes the rest), so nothing is routed twice and nothing is lost. A failure the
 * broker decided (not a failover) is not retried.
 *
 * <p>Thread safety: one batch at a time (a lock); the session is used only under it.
 */
final class TransactedSends {

    private static final Logger LOG = Logger.getLogger(TransactedSends.class.getName());
    private static final long PAUSE_MILLIS = 100;

    private final Connection connection;
    private final String stream;
    private final ProducerTarget target;
    private final ReentrantLock lock = new ReentrantLock();
    /** Written under {@link #lock}; read without it by {@link #close}, which must not wait for a blocked batch. */
    private volatile Session session;
    private MessageProducer producer;

    TransactedSends(Connection connection, ProducerTarget target) {
        this.connection = connection;
        this.stream = target.stream();
        this.target = target;
    }

    /**
     * Sends {@code messages} in one transaction and commits, resending after failovers for up to
     * {@code timeout}. The stage fails only if the batch could not be committed in that time, or the
     * broker refused it.
     */
    CompletionStage<Void> commit(List<Message> messages, Duration timeout,
            Function<List<Message>, CompletionStage<Void>> oneByOne) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        lock.lock();
        try {
            for (int attempt = 1; ; attempt++) {
                try {
                    send(messages);
                    return CompletableFuture.completedStage(null);
                } catch (JMSException | RuntimeException e) {
                    if (session != null) {
                        Sessions.rollback(session, owner());
                    }
                    if (Duplicates.rejected(e)) {
                        LOG.info(() -> "batch of " + messages.size() + " to stream '" + stream + "' was committed before"
                                + " a failover hid the outcome; sending it one by one so the broker drops what it has");
                        return oneByOne.apply(messages);
                    }
                    if (!FailoverErrors.interruptedByFailover(e) || System.nanoTime() - end > 0) {
                        return CompletableFuture.failedStage(new StreamException("batch of " + messages.size()
                                + " messages to stream '" + stream + "' was not committed (" + attempt + " attempt(s)):"
                                + " it may or may not have been routed; resending it is safe: " + e, e));
                    }
                    int n = attempt;
                    LOG.warning(() -> "batch of " + messages.size() + " to stream '" + stream + "' interrupted by a"
                            + " failover (" + e + "); resending it with the same duplicate-detection ids, attempt "
                            + (n + 1));
                    TimeUnit.MILLISECONDS.sleep(Math.min(PAUSE_MILLIS * attempt, 1_000));
                }
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * Closes the session (its open transaction, if any, rolls back), after waiting at most {@code timeout}
     * for a batch in progress: a batch blocked inside the client (an address full under {@code BLOCK}) is
     * ended by the close with an error.
     */
    void close(Duration timeout) {
        boolean locked = false;
        try {
            locked = lock.tryLock(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            Sessions.close(session, owner());
        } finally {
            if (locked) {
                lock.unlock();
            }
        }
    }

    private void send(List<Message> messages) throws JMSException {
        if (session == null) {
            Session opened = connection.createSession(true, Session.SESSION_TRANSACTED);
            try {
                producer = target.producer(opened);
            } catch (JMSException | RuntimeException e) {
                Sessions.close(opened, owner());
                throw e;
            }
            session = opened;
        }
        for (Message m : messages) {
            target.send(producer, session, m);
        }
        session.commit();
    }

    private String owner() {
        return "the transacted sends to stream '" + stream + "'";
    }
}
