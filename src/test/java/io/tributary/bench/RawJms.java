package io.tributary.bench;

import jakarta.jms.BytesMessage;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSException;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;

/**
 * Plain JMS as an application would write it without Tributary, shared by the raw-JMS scenarios and by the
 * fixture that fills queues: transacted sends and receives committing every {@value Bench#BATCH} messages.
 */
final class RawJms {

    private RawJms() {
    }

    /** Sends {@code count} persistent 1 KiB messages to {@code queue}, committing every {@value Bench#BATCH}. */
    static void sendTransacted(ConnectionFactory factory, String queue, int count) throws JMSException {
        try (Connection c = factory.createConnection()) {
            Session s = c.createSession(true, Session.SESSION_TRANSACTED);
            MessageProducer p = s.createProducer(s.createQueue(queue));
            p.setDeliveryMode(DeliveryMode.PERSISTENT);
            byte[] body = Bench.body();
            for (int i = 1; i <= count; i++) {
                p.send(bytesMessage(s, body));
                if (i % Bench.BATCH == 0) {
                    s.commit();
                }
            }
            s.commit();
        }
    }

    /**
     * Receives {@code count} messages from {@code queue} in a transacted session committing every
     * {@code batch}, reading each body; fails if the queue runs dry for 10 s.
     */
    static void receiveTransacted(ConnectionFactory factory, String queue, int count, int batch) throws JMSException {
        try (Connection c = factory.createConnection()) {
            c.start();
            Session s = c.createSession(true, Session.SESSION_TRANSACTED);
            MessageConsumer consumer = s.createConsumer(s.createQueue(queue));
            for (int i = 1; i <= count; i++) {
                jakarta.jms.Message m = consumer.receive(10_000);
                if (m == null) {
                    throw new IllegalStateException("raw consumer got only " + (i - 1) + " of " + count + " from " + queue);
                }
                m.getBody(byte[].class);
                if (i % batch == 0) {
                    s.commit();
                }
            }
            s.commit();
        }
    }

    /** A bytes message holding {@code body}. */
    static BytesMessage bytesMessage(Session session, byte[] body) throws JMSException {
        BytesMessage m = session.createBytesMessage();
        m.writeBytes(body);
        return m;
    }
}
