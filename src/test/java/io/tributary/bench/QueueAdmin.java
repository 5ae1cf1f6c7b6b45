package io.tributary.bench;

import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.apache.activemq.artemis.api.core.management.ResourceNames;
import org.apache.activemq.artemis.api.jms.ActiveMQJMSClient;
import org.apache.activemq.artemis.api.jms.management.JMSManagementHelper;

/**
 * Benchmark queues through the broker's management address: {@link #destroy} removes a queue (and its address)
 * with its messages, so what a scenario leaves behind does not pile up in the broker's 512 MiB heap over a run
 * (the broker ran out of memory without this); a queue that cannot be destroyed is logged and skipped, cleaning
 * never fails a run. {@link #depth} reads how many messages a queue holds (waiting or delivered and not yet
 * acknowledged), for peers that consume inside another process (an application server).
 */
final class QueueAdmin {

    private static final Logger LOG = Logger.getLogger(QueueAdmin.class.getName());
    private static final long REPLY_MILLIS = 30_000;

    private final ConnectionFactory factory;

    QueueAdmin(ConnectionFactory factory) {
        this.factory = factory;
    }

    /** Destroys {@code queue} with its messages, consumers and address. */
    void destroy(String queue) {
        try (Probe probe = new Probe(factory)) {
            Message request = probe.session.createMessage();
            JMSManagementHelper.putOperationInvocation(request, ResourceNames.BROKER, "destroyQueue", queue, true, true);
            Message reply = probe.ask(request);
            if (reply == null || !JMSManagementHelper.hasOperationSucceeded(reply)) {
                LOG.fine(() -> "queue " + queue + " not destroyed: " + reply);
            }
        } catch (JMSException | RuntimeException e) {
            LOG.log(Level.WARNING, "queue " + queue + " not destroyed", e);
        }
    }

    /** A connection to ask the depth of {@code queue} repeatedly; close it when done. */
    Depth depth(String queue) throws JMSException {
        return new Depth(new Probe(factory), queue);
    }

    /** The message count of one queue, asked on one open connection. Not thread-safe. */
    static final class Depth implements AutoCloseable {

        private final Probe probe;
        private final String queue;

        private Depth(Probe probe, String queue) {
            this.probe = probe;
            this.queue = queue;
        }

        /** Messages on the queue now, acknowledged ones excluded. */
        long now() throws Exception {
            Message request = probe.session.createMessage();
            JMSManagementHelper.putAttribute(request, ResourceNames.QUEUE + queue, "messageCount");
            Message reply = probe.ask(request);
            if (reply == null || !JMSManagementHelper.hasOperationSucceeded(reply)) {
                throw new IllegalStateException("the broker did not tell the message count of " + queue + ": " + reply);
            }
            return ((Number) JMSManagementHelper.getResult(reply)).longValue();
        }

        @Override
        public void close() throws JMSException {
            probe.close();
        }
    }

    /** A connection with a session, a producer to the management address and a temporary reply queue. */
    private static final class Probe implements AutoCloseable {

        private final Connection connection;
        private final Session session;
        private final MessageProducer requests;
        private final jakarta.jms.TemporaryQueue replyTo;
        private final MessageConsumer replies;

        Probe(ConnectionFactory factory) throws JMSException {
            connection = factory.createConnection();
            try {
                connection.start();
                session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
                requests = session.createProducer(ActiveMQJMSClient.createQueue("activemq.management"));
                replyTo = session.createTemporaryQueue();
                replies = session.createConsumer(replyTo);
            } catch (JMSException | RuntimeException e) {
                connection.close();
                throw e;
            }
        }

        Message ask(Message request) throws JMSException {
            request.setJMSReplyTo(replyTo);
            requests.send(request);
            return replies.receive(REPLY_MILLIS);
        }

        @Override
        public void close() throws JMSException {
            connection.close();
        }
    }
}
