package io.tributary.broker.jms;

import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageListener;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import jakarta.jms.Topic;

import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The ack notices of one broker: written by consumers into their batch transaction, heard by every
 * broker instance but the writer's (which applies its own acks at once).
 *
 * <p>A notice is a {@code TextMessage} on the topic {@code <broker>.acks} whose body lists the acked
 * message ids, one a line (ids hold no control characters), with the writer's instance id in the property
 * {@value #ORIGIN}. The listener runs on the JMS session's thread, one notice at a time; where the
 * connection forbids message listeners (container-managed mode) on a {@link NoticePoller}'s thread.
 */
final class AckNotices {

    /** The property naming the broker instance that wrote a notice. */
    static final String ORIGIN = "tributary_broker_origin";

    private static final Logger LOG = Logger.getLogger(AckNotices.class.getName());

    private final String origin = UUID.randomUUID().toString();
    private final String broker;
    private final Topic topic;
    private final Session session;
    private final MessageConsumer listening;
    /** Polls {@link #listening} where the connection forbids a listener, else null. */
    private final NoticePoller poller;

    /** Subscribes to the notices of other instances; {@code listener} receives their acked ids. */
    AckNotices(Connection connection, String broker, Consumer<List<String>> listener) throws JMSException {
        this.broker = broker;
        this.session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
        this.topic = session.createTopic(broker + ".acks");
        this.listening = session.createConsumer(topic, ORIGIN + " <> '" + origin + "'");
        MessageListener onNotice = m -> {
            try {
                listener.accept(Arrays.asList(((TextMessage) m).getText().split("\n")));
            } catch (JMSException | RuntimeException e) {
                LOG.log(Level.WARNING, e, () -> "broker '" + broker + "': an ack notice could not be read; ignored");
            }
        };
        this.poller = listenOrPoll(onNotice);
    }

    private NoticePoller listenOrPoll(MessageListener onNotice) throws JMSException {
        try {
            listening.setMessageListener(onNotice);
            return null;
        } catch (jakarta.jms.IllegalStateException forbidden) {
            return new NoticePoller("ack notices of broker '" + broker + "'", listening, onNotice);
        }
    }

    /** Sends the notice for {@code ids} in {@code session}'s transaction. */
    void write(Session session, List<String> ids) throws JMSException {
        TextMessage notice = session.createTextMessage(String.join("\n", ids));
        notice.setStringProperty(ORIGIN, origin);
        MessageProducer producer = session.createProducer(topic);
        try {
            producer.send(notice);
        } finally {
            producer.close();
        }
    }

    /**
     * Stops listening. The consumer is closed by itself, before its connection: only that deletes the
     * non-durable topic subscription at once.
     */
    void close() {
        if (poller != null) {
            poller.close();
        }
        try {
            listening.close();
            session.close();
        } catch (JMSException e) {
            LOG.log(Level.FINE, "broker '" + broker + "': closing the ack-notice subscription failed", e);
        }
    }

    @Override
    public String toString() {
        return "AckNotices[" + broker + ".acks, origin " + origin + "]";
    }
}
