package io.tributary.bench;

import jakarta.jms.CompletionListener;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSException;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;

import java.util.UUID;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The raw JMS baselines of the benches, written once: confirmed asynchronous sends with a bounded
 * window, transacted sends and transacted receives committing every N, persistent, each on a
 * connection of its own. Each returns messages per second; failures are thrown, never counted.
 */
final class RawJms {

    /** Makes the message to send on a session. */
    @FunctionalInterface
    interface MessageMaker {
        jakarta.jms.Message make(Session session) throws JMSException;
    }

    /** Artemis' duplicate-detection property, which Tributary's producer sets on every message. */
    static final String DUPLICATE_ID =
            org.apache.activemq.artemis.api.core.Message.HDR_DUPLICATE_DETECTION_ID.toString();

    private RawJms() {
    }

    /** The messages of {@code maker}, each with a random UUID as its duplicate-detection id, as Tributary sends. */
    static MessageMaker withDuplicateId(MessageMaker maker) {
        return session -> {
            jakarta.jms.Message m = maker.make(session);
            m.setStringProperty(DUPLICATE_ID, UUID.randomUUID().toString());
            return m;
        };
    }

    /** Messages per second of {@code count} messages since {@code startNanos}. */
    static double rate(int count, long startNanos) {
        return count / ((System.nanoTime() - startNanos) / 1e9);
    }

    /** Async sends with a {@link CompletionListener}, at most {@code window} unconfirmed, waiting for the last. */
    static double confirmedSend(ConnectionFactory factory, String queue, int count, int window, MessageMaker maker)
            throws Exception {
        try (Connection c = factory.createConnection()) {
            Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageProducer p = producer(s, queue);
            Semaphore slots = new Semaphore(window);
            AtomicReference<Exception> failure = new AtomicReference<>();
            CompletionListener listener = new CompletionListener() {
                @Override
                public void onCompletion(jakarta.jms.Message m) {
                    slots.release();
                }

                @Override
                public void onException(jakarta.jms.Message m, Exception e) {
                    failure.set(e);
                    slots.release();
                }
            };
            long t0 = System.nanoTime();
            for (int i = 0; i < count; i++) {
                slots.acquire();
                p.send(maker.make(s), listener);
            }
            slots.acquire(window);
            double r = rate(count, t0);
            if (failure.get() != null) {
                throw failure.get();
            }
            return r;
        }
    }

    /** Sends on a transacted session, committing every {@code batch}. */
    static double transactedSend(ConnectionFactory factory, String queue, int count, int batch, MessageMaker maker)
            throws Exception {
        try (Connection c = factory.createConnection()) {
            Session s = c.createSession(true, Session.SESSION_TRANSACTED);
            MessageProducer p = producer(s, queue);
            long t0 = System.nanoTime();
            for (int i = 1; i <= count; i++) {
                p.send(maker.make(s));
                if (i % batch == 0) {
                    s.commit();
                }
            }
            s.commit();
            return rate(count, t0);
        }
    }

    /** Receives {@code count} messages (reading each body) on a transacted session, committing every {@code batch}. */
    static double transactedReceive(ConnectionFactory factory, String queue, int count, int batch, long waitMillis)
            throws Exception {
        try (Connection c = factory.createConnection()) {
            c.start();
            Session s = c.createSession(true, Session.SESSION_TRANSACTED);
            MessageConsumer mc = s.createConsumer(s.createQueue(queue));
            long t0 = System.nanoTime();
            for (int i = 1; i <= count; i++) {
                jakarta.jms.Message m = mc.receive(waitMillis);
                if (m == null) {
                    throw new IllegalStateException("raw consumer got only " + (i - 1) + " of " + count);
                }
                m.getBody(byte[].class);
                if (i % batch == 0) {
                    s.commit();
                }
            }
            s.commit();
            return rate(count, t0);
        }
    }

    private static MessageProducer producer(Session s, String queue) throws JMSException {
        MessageProducer p = s.createProducer(s.createQueue(queue));
        p.setDeliveryMode(DeliveryMode.PERSISTENT);
        return p;
    }
}
