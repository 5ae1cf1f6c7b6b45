package io.tributary.stream.jms;

import io.tributary.stream.Message;
import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;

import java.util.concurrent.Semaphore;

/**
 * One of the two transacted sessions of a {@link GroupCommitter} and its producer, opened on first use and again
 * after it was closed (a failed transaction closes it; closing rolls back what it holds open).
 *
 * <p>Thread safety: one thread at a time. A thread takes the session with {@link #acquire()} before it sends or
 * commits on it and hands it over with {@link #release()}, which also publishes what it did to the next holder.
 */
final class CommitSession {

    private final Connection connection;
    private final ProducerTarget target;
    private final Semaphore free = new Semaphore(1);
    private Session session;
    private MessageProducer producer;

    CommitSession(Connection connection, ProducerTarget target) {
        this.connection = connection;
        this.target = target;
    }

    /** Waits until no other thread holds this session (its previous transaction is settled). */
    void acquire() throws InterruptedException {
        free.acquire();
    }

    /** Takes this session only if no other thread holds it. */
    boolean tryAcquire() {
        return free.tryAcquire();
    }

    void release() {
        free.release();
    }

    /** Opens the session unless it is open; a producer that cannot be created closes it again. */
    void open() throws JMSException {
        if (session != null) {
            return;
        }
        Session opened = connection.createSession(true, Session.SESSION_TRANSACTED);
        try {
            producer = target.producer(opened);
        } catch (JMSException | RuntimeException e) {
            Sessions.close(opened, target.owner());
            throw e;
        }
        session = opened;
    }

    boolean isOpen() {
        return session != null;
    }

    /** Sends {@code message} in the open transaction, opening the session first if needed. */
    void send(Message message) throws JMSException {
        open();
        target.send(producer, session, message);
    }

    /** Commits the open transaction (blocking until the broker answers, within the client's call timeout). */
    void commit() throws JMSException {
        open();
        session.commit();
    }

    /** Closes the session (rolling back its open transaction); the next use opens a fresh one. */
    void close() {
        Sessions.close(session, target.owner());
        session = null;
        producer = null;
    }
}
