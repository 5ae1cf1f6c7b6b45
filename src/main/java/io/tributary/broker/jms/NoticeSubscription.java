package io.tributary.broker.jms;

import io.tributary.stream.jms.Sessions;
import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * One broker instance's durable subscription to the ack notices of the others, on one connection: a JMS 2
 * shared durable subscription named after the instance, so notices written while this instance is
 * disconnected wait for it on the broker instead of being lost. Not thread-safe: used by the one
 * {@link AckNotices} listener thread (and {@link #close()} from any thread, as JMS allows).
 */
final class NoticeSubscription implements AutoCloseable {

    private final Session session;
    private final MessageConsumer consumer;
    private final String name;

    /** Subscribes as {@code name} to {@code topic}, skipping the notices written by {@code origin}. */
    NoticeSubscription(Connection connection, String topic, String name, String origin) throws JMSException {
        this.name = name;
        this.session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
        try {
            this.consumer = session.createSharedDurableConsumer(session.createTopic(topic), name,
                    AckNotices.ORIGIN + " <> '" + origin + "'");
        } catch (JMSException | RuntimeException e) {
            Sessions.close(session, "the ack-notice subscription " + name);
            throw e;
        }
    }

    /**
     * The ids of the next notice, waiting up to {@code millis}; empty if none came.
     *
     * @throws JMSException if the connection failed
     */
    Optional<List<String>> next(long millis) throws JMSException {
        jakarta.jms.Message m = consumer.receive(millis);
        if (m == null) {
            return Optional.empty();
        }
        String text = m instanceof TextMessage t ? t.getText() : null;
        return Optional.of(text == null || text.isEmpty() ? List.of() : Arrays.asList(text.split("\n")));
    }

    /** Stops receiving; the subscription stays on the broker, keeping notices for the next one. */
    @Override
    public void close() {
        Sessions.close(session, "the ack-notice subscription " + name);
    }

    /**
     * Stops receiving and deletes the subscription from the broker (the instance is closing for good).
     *
     * @throws JMSException if the broker could not be told
     */
    void unsubscribe() throws JMSException {
        try {
            consumer.close();
            session.unsubscribe(name);
        } finally {
            close();
        }
    }
}
