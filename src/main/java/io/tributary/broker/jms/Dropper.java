package io.tributary.broker.jms;

import io.tributary.broker.BrokerException;
import io.tributary.stream.Message;
import io.tributary.stream.jms.JmsMessages;
import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Queue;
import jakarta.jms.Session;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Removes given messages from a broker's queue: a transacted receive by id selector, committed. Messages
 * delivered to a consumer are invisible to it and stay. Thread-safe (calls are serialized).
 */
final class Dropper {

    /** Ids per selector, so that selectors stay short. */
    private static final int CHUNK = 200;
    private static final Logger LOG = Logger.getLogger(Dropper.class.getName());

    private final String broker;
    private final Session session;
    private final Queue queue;

    Dropper(Connection connection, String broker) throws JMSException {
        this.broker = broker;
        this.session = connection.createSession(true, Session.SESSION_TRANSACTED);
        this.queue = session.createQueue(broker);
    }

    /** Removes the messages with these ids still on the queue; returns the ids removed. */
    synchronized List<String> remove(List<String> ids) {
        List<String> removed = new ArrayList<>();
        try {
            for (int from = 0; from < ids.size(); from += CHUNK) {
                List<String> chunk = ids.subList(from, Math.min(ids.size(), from + CHUNK));
                try (MessageConsumer consumer = session.createConsumer(queue, JmsMessages.idSelector(chunk))) {
                    for (jakarta.jms.Message m = consumer.receiveNoWait(); m != null; m = consumer.receiveNoWait()) {
                        JmsMessages.Decoded read = JmsMessages.decode(m, broker);
                        if (read.readable()) {
                            removed.add(read.message().id());
                        }
                    }
                }
            }
            session.commit();
            return removed;
        } catch (JMSException e) {
            rollback();
            throw new BrokerException("broker '" + broker + "': dropping " + ids.size() + " events failed; they stay"
                    + " on the queue: " + e, e);
        }
    }

    private void rollback() {
        try {
            session.rollback();
        } catch (JMSException e) {
            LOG.log(Level.FINE, "broker '" + broker + "': rolling back a failed drop failed", e);
        }
    }
}
