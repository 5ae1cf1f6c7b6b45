package io.tributary.fanin.jms;

import io.tributary.fanin.Emitter;
import io.tributary.fanin.Source;
import io.tributary.fanin.support.Reconnecting;
import io.tributary.stream.Message;
import io.tributary.stream.jms.JmsMessages;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.Destination;
import jakarta.jms.JMSException;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.Topic;
import org.apache.activemq.artemis.api.jms.ActiveMQJMSConstants;

import java.util.Objects;
import java.util.logging.Logger;

/**
 * A {@link Source} over a JMS destination ({@link JmsDestination}): each subscription of the aggregator
 * opens its own connection and consumer.
 *
 * <p><b>Delivery.</b> A message is acknowledged, by itself (Artemis' individual acknowledge mode), once
 * its subscription took it; one not taken when the share is cancelled goes back to the destination when
 * the share's session closes. So nothing is lost; a crash between taking and acknowledging delivers a
 * message again (at least once). A message that cannot be read (a foreign JMS type, never deserialized)
 * is moved to {@code <name>.DLQ}.
 *
 * <p><b>Retries.</b> When JMS fails, the share closes its connection and connects again after a backoff,
 * until cancelled (see {@link Reconnecting}). The request is ignored.
 *
 * @param <R> the request type, ignored
 */
public final class JmsSource<R> implements Source<R, Message> {

    private static final Logger LOG = Logger.getLogger(JmsSource.class.getName());
    private static final long POLL_MILLIS = 200;

    private final ConnectionFactory factory;
    private final JmsDestination destination;

    /** A source over {@code destination} through {@code factory}. */
    public JmsSource(ConnectionFactory factory, JmsDestination destination) {
        this.factory = Objects.requireNonNull(factory, "factory must not be null");
        this.destination = Objects.requireNonNull(destination, "destination must not be null");
    }

    @Override
    public void run(R request, Emitter<Message> out) throws InterruptedException {
        new Reconnecting<>("JMS source " + destination, JMSException.class).run(out, connected -> {
            // the consumer is closed by itself: only that deletes a non-durable topic subscription at once
            try (Connection connection = factory.createConnection();
                    Session session = connection.createSession(false, ActiveMQJMSConstants.INDIVIDUAL_ACKNOWLEDGE);
                    MessageConsumer consumer = open(session)) {
                connection.start();
                connected.run();
                pump(session, consumer, out);
            }
        });
    }

    private MessageConsumer open(Session session) throws JMSException {
        if (!destination.topic()) {
            return session.createConsumer(session.createQueue(destination.name()));
        }
        Topic topic = session.createTopic(destination.name());
        if (destination.subscription() == null) {
            return session.createConsumer(topic);
        }
        return destination.durable() ? session.createSharedDurableConsumer(topic, destination.subscription())
                : session.createSharedConsumer(topic, destination.subscription());
    }

    private void pump(Session session, MessageConsumer consumer, Emitter<Message> out)
            throws JMSException, InterruptedException {
        while (!out.isCancelled()) {
            jakarta.jms.Message jms = consumer.receive(POLL_MILLIS);
            if (jms == null) {
                continue;
            }
            JmsMessages.Decoded message = JmsMessages.decode(jms, destination.name());
            if (!message.readable()) {
                deadLetter(session, jms, message.refusal());
            } else if (!out.emit(message.message())) {
                return;
            }
            jms.acknowledge();
        }
    }

    private void deadLetter(Session session, jakarta.jms.Message jms, String reason) throws JMSException {
        Destination dlq = session.createQueue(destination.name() + ".DLQ");
        LOG.warning(() -> "JMS source " + destination + ": a message that cannot be read moves to " + dlq + ": "
                + reason);
        try (MessageProducer producer = session.createProducer(dlq)) {
            producer.send(JmsMessages.deadLetter(session, jms, destination.name(), reason));
        }
    }
}
