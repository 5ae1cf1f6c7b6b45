package io.tributary.stream.jms;

import io.tributary.stream.Message;
import io.tributary.stream.StreamClosedException;
import io.tributary.stream.StreamException;
import io.tributary.stream.Store;
import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSException;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.QueueBrowser;
import jakarta.jms.Session;

import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.logging.Logger;

/**
 * A {@link Store} kept in a durable Artemis queue named like the store, on a transacted session.
 *
 * <p>{@link #add} sends a persistent message and commits. {@link #list} browses the queue (a snapshot
 * that removes nothing; messages a consumer of the same queue holds in its buffer or open transaction
 * are not seen; messages of refused JMS types are left out). {@link #delete} receives, with a selector
 * on {@code tributary_id}, every message with that id and commits. {@link #flush} receives everything
 * available, committing every {@value #FLUSH_CHUNK} messages so no transaction grows without bound.
 *
 * <p>Thread safety: every method is synchronized (JMS sessions are single-threaded).
 */
final class JmsStore implements Store {

    /** The most messages {@link #flush} removes in one transaction. */
    static final int FLUSH_CHUNK = 1000;

    private static final Logger LOG = Logger.getLogger(JmsStore.class.getName());

    private final String name;
    private final Runnable onClose;
    private final Session session;
    private final Queue queue;
    private final MessageProducer producer;
    private boolean closed;

    JmsStore(Connection connection, String name, Runnable onClose) throws JMSException {
        this.name = name;
        this.onClose = onClose;
        this.session = connection.createSession(true, Session.SESSION_TRANSACTED);
        try {
            this.queue = session.createQueue(name);
            this.producer = session.createProducer(queue);
            this.producer.setDeliveryMode(DeliveryMode.PERSISTENT);
        } catch (JMSException | RuntimeException e) {
            Sessions.close(session, "store '" + name + "'");
            throw e;
        }
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public synchronized void add(Message message) {
        checkOpen();
        try {
            producer.send(MessageCodec.write(session, message.toBuilder().producerTopic(name).build(), message.id(),
                    name));
            session.commit();
        } catch (JMSException e) {
            throw failure("add of message " + message.id(), e);
        }
    }

    @Override
    public synchronized boolean delete(Message message) {
        checkOpen();
        String selector = MessageCodec.ID + " = '" + message.id().replace("'", "''") + "'";
        try (MessageConsumer consumer = session.createConsumer(queue, selector)) {
            int removed = 0;
            while (consumer.receiveNoWait() != null) {
                removed++;
            }
            session.commit();
            return removed > 0;
        } catch (JMSException e) {
            throw failure("delete of message " + message.id(), e);
        }
    }

    @Override
    public synchronized int flush() {
        checkOpen();
        try (MessageConsumer consumer = session.createConsumer(queue)) {
            int removed = 0;
            while (consumer.receiveNoWait() != null) {
                removed++;
                if (removed % FLUSH_CHUNK == 0) {
                    session.commit();
                }
            }
            session.commit();
            return removed;
        } catch (JMSException e) {
            throw failure("flush", e);
        }
    }

    @Override
    public synchronized List<Message> list() {
        checkOpen();
        List<Message> snapshot = new ArrayList<>();
        try (QueueBrowser browser = session.createBrowser(queue)) {
            Enumeration<?> messages = browser.getEnumeration();
            while (messages.hasMoreElements()) {
                jakarta.jms.Message jms = (jakarta.jms.Message) messages.nextElement();
                try {
                    snapshot.add(MessageCodec.read(jms, name));
                } catch (MessageCodec.Unreadable e) {
                    LOG.fine(() -> "store '" + name + "' lists no entry for " + e.getMessage());
                }
            }
            return snapshot;
        } catch (JMSException e) {
            throw failure("list", e);
        }
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        Sessions.close(session, "store '" + name + "'");
        onClose.run();
    }

    private StreamException failure(String what, JMSException e) {
        try {
            session.rollback();
        } catch (JMSException | RuntimeException rollbackFailure) {
            e.addSuppressed(rollbackFailure);
        }
        return new StreamException(what + " on store '" + name + "' failed, nothing changed: " + e, e);
    }

    private void checkOpen() {
        if (closed) {
            throw new StreamClosedException("store '" + name + "' is closed");
        }
    }
}
