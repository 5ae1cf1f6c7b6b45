package io.tributary.bench;

import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.Session;
import jakarta.jms.TemporaryQueue;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.apache.activemq.artemis.api.core.management.ResourceNames;
import org.apache.activemq.artemis.api.jms.ActiveMQJMSClient;
import org.apache.activemq.artemis.api.jms.management.JMSManagementHelper;

/**
 * Destroys benchmark queues (and their addresses) through the broker's management address, so the messages a
 * scenario leaves behind do not pile up in the broker's 512 MiB heap over a run (the broker ran out of memory
 * without this). A queue that cannot be destroyed is logged and skipped: cleaning never fails a run.
 */
final class QueueCleaner {

    private static final Logger LOG = Logger.getLogger(QueueCleaner.class.getName());
    private static final long REPLY_MILLIS = 30_000;

    private final ConnectionFactory factory;

    QueueCleaner(ConnectionFactory factory) {
        this.factory = factory;
    }

    /** Destroys {@code queue} with its messages, consumers and address. */
    void destroy(String queue) {
        try (Connection connection = factory.createConnection()) {
            connection.start();
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            TemporaryQueue replies = session.createTemporaryQueue();
            Message request = session.createMessage();
            JMSManagementHelper.putOperationInvocation(request, ResourceNames.BROKER, "destroyQueue", queue, true, true);
            request.setJMSReplyTo(replies);
            session.createProducer(ActiveMQJMSClient.createQueue("activemq.management")).send(request);
            Message reply = session.createConsumer(replies).receive(REPLY_MILLIS);
            if (reply == null || !JMSManagementHelper.hasOperationSucceeded(reply)) {
                LOG.fine(() -> "queue " + queue + " not destroyed: " + reply);
            }
        } catch (JMSException | RuntimeException e) {
            LOG.log(Level.WARNING, "queue " + queue + " not destroyed", e);
        }
    }
}
