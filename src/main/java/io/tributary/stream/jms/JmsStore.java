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
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.logging.Logger;

/**
 * A {@link Store} kept in a durable Artemis queue named like the store, on a transacted session.
 *
 * <p>{@link #add} removes the messages with the same id ({@link MessageCodec#idSelector}), sends a
 * persistent message and commits, all in one transaction: a store holds one entry per id, the last added,
 * at the end. Entries carry no duplicate-detection id, so an id deleted or flushed can be added again.
 * {@link #list} browses the queue (a snapshot that removes nothing; messages a consumer of the same queue
 * holds in its buffer or open transaction are not seen). An entry that cannot be decoded (another client's
 * message: a refused JMS type, no id, a field of the wrong type) is not listed: {@code list} moves it to the
 * dead-letter queue, with the reason, in its own transaction; only an entry without a {@code JMSMessageID}
 * that carries a {@code tributary_id} that is not valid, or a duplicate-detection id that is not text, cannot
 * be selected, and stays (logged) until {@link #flush}. {@link #delete} receives, with the same selector,
 * every message with that id and commits. {@link #flush} receives everything
 * available, committing every {@value #FLUSH_CHUNK} messages so no transaction grows without bound.
 *
 * <p>Concurrent adds of one id through two store objects (two processes) may both stay, since neither sees
 * the other's uncommitted entry; {@link #list} then shows the id twice.
 *
 * <p>Thread safety: every method is synchronized (JMS sessions are single-threaded).
 */
final class JmsStore implements Store {

    /**
     * How long {@link #flush} and {@link #list} wait for one more entry after the broker said there was none:
     * {@code receiveNoWait} and a browser's {@code hasMoreElements} can answer before the broker has handed
     * over entries held back by flow control (large entries fill the client's window) or just returned by a
     * closed consumer.
     */
    private static final long STRAGGLER_WAIT_MILLIS = 200;
    /** How often {@link #list} asks the browser again within {@link #STRAGGLER_WAIT_MILLIS}. */
    private static final int BROWSE_ASKS = 4;
    /** The most messages {@link #flush} removes in one transaction. */
    static final int FLUSH_CHUNK = 1000;

    private static final Logger LOG = Logger.getLogger(JmsStore.class.getName());

    private final String name;
    private final Runnable onClose;
    private final Session session;
    private final Queue queue;
    private final Queue deadLetters;
    private final MessageProducer producer;
    private boolean closed;

    JmsStore(Connection connection, String name, String deadLetters, Runnable onClose) throws JMSException {
        this.name = name;
        this.onClose = onClose;
        this.session = connection.createSession(true, Session.SESSION_TRANSACTED);
        try {
            this.queue = session.createQueue(name);
            this.deadLetters = session.createQueue(deadLetters);
            this.producer = session.createProducer(null);
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
            remove(idSelector(message));
            producer.send(queue, MessageCodec.write(session, message.toBuilder().producerTopic(name).build(), null,
                    name));
            session.commit();
        } catch (JMSException e) {
            throw failure("add of message " + message.id(), e);
        }
    }

    @Override
    public synchronized boolean delete(Message message) {
        checkOpen();
        try {
            int removed = remove(idSelector(message));
            session.commit();
            return removed > 0;
        } catch (JMSException e) {
            throw failure("delete of message " + message.id(), e);
        }
    }

    /** Receives, in the open transaction, every message {@code selector} matches; returns how many. */
    private int remove(String selector) throws JMSException {
        try (MessageConsumer consumer = session.createConsumer(queue, selector)) {
            int removed = 0;
            while (consumer.receiveNoWait() != null) {
                removed++;
            }
            return removed;
        }
    }

    private static String idSelector(Message message) {
        return MessageCodec.idSelector(List.of(message.id()));
    }

    @Override
    public synchronized int flush() {
        checkOpen();
        try (MessageConsumer consumer = session.createConsumer(queue)) {
            int removed = 0;
            while (consumer.receiveNoWait() != null || consumer.receive(STRAGGLER_WAIT_MILLIS) != null) {
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
        Set<String> unreadable = new LinkedHashSet<>();
        try (QueueBrowser browser = session.createBrowser(queue)) {
            Enumeration<?> messages = browser.getEnumeration();
            while (more(messages)) {
                jakarta.jms.Message jms = (jakarta.jms.Message) messages.nextElement();
                JmsMessages.Decoded entry = JmsMessages.decode(jms, name);
                if (entry.readable()) {
                    snapshot.add(entry.message());
                } else {
                    String selector = selectorOf(jms, entry.refusal());
                    if (selector != null) {
                        unreadable.add(selector);
                    }
                }
            }
        } catch (JMSException e) {
            throw failure("list", e);
        }
        if (!unreadable.isEmpty()) {
            deadLetter(unreadable);
        }
        return snapshot;
    }

    /** Whether the browse has another entry, asking again over {@link #STRAGGLER_WAIT_MILLIS} before taking no. */
    private static boolean more(Enumeration<?> messages) {
        for (int ask = 0; ask < BROWSE_ASKS; ask++) {
            if (messages.hasMoreElements()) {
                return true;
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(STRAGGLER_WAIT_MILLIS / BROWSE_ASKS));
        }
        return messages.hasMoreElements();
    }

    /**
     * A selector matching the unreadable entry {@code jms}: the id its sender gave it (the broker's filters
     * know an AMQP message by its AMQP message id), or, when it has none, every entry without one and without
     * a {@code tributary_id} whose duplicate-detection id is the same text or absent too; {@code null} when it
     * cannot be selected (logged).
     */
    private String selectorOf(jakarta.jms.Message jms, String refusal) throws JMSException {
        String id = ReceivedFields.messageId(jms);
        if (id != null) {
            return "(JMSMessageID = '" + id.replace("'", "''") + "')";
        }
        if (!jms.propertyExists(MessageCodec.ID)) {
            String withoutIds = "(JMSMessageID IS NULL AND " + MessageCodec.ID + " IS NULL AND "
                    + MessageCodec.DUPLICATE_ID;
            Object duplicateId = jms.getObjectProperty(MessageCodec.DUPLICATE_ID);
            if (duplicateId == null) {
                return withoutIds + " IS NULL)";
            }
            if (duplicateId instanceof String text) {
                return withoutIds + " IN " + MessageCodec.selectorList(List.of(text)) + ")";
            }
        }
        LOG.warning(() -> "store '" + name + "' cannot list or select an entry: " + refusal + "; it stays until a flush");
        return null;
    }

    /** Moves the entries {@code selectors} match to the dead-letter queue, each with its reason, in one transaction. */
    private void deadLetter(Set<String> selectors) {
        try (MessageConsumer consumer = session.createConsumer(queue, String.join(" OR ", selectors))) {
            for (jakarta.jms.Message jms = consumer.receiveNoWait(); jms != null; jms = consumer.receiveNoWait()) {
                String reason = JmsMessages.decode(jms, name).refusal();
                String why = reason != null ? reason : "an entry with neither a JMSMessageID nor a tributary_id";
                LOG.warning(() -> "store '" + name + "' moves an entry it cannot read to " + deadLetters + ": " + why);
                producer.send(deadLetters, JmsMessages.deadLetter(session, jms, name, why), DeliveryMode.PERSISTENT,
                        jakarta.jms.Message.DEFAULT_PRIORITY, 0);
            }
            session.commit();
        } catch (JMSException e) {
            StreamException failure = failure("dead-lettering of entries it cannot read", e);
            LOG.warning(failure::getMessage);
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
