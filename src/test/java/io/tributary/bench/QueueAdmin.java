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
import java.util.regex.Pattern;
import org.apache.activemq.artemis.api.core.management.ResourceNames;
import org.apache.activemq.artemis.api.jms.ActiveMQJMSClient;
import org.apache.activemq.artemis.api.jms.management.JMSManagementHelper;

/**
 * Benchmark queues through the broker's management address: {@link #destroyAll} removes the queues a scenario
 * used, and those Tributary declared beside them (retry and event-stream queues), with their messages, so
 * nothing piles up in the broker's heap over a run (the broker ran out of memory without this); cleaning never
 * fails a run. {@link #depth} reads how many messages a queue holds (waiting or delivered and not yet
 * acknowledged), for peers that consume inside another process (an application server).
 */
final class QueueAdmin {

    private static final Logger LOG = Logger.getLogger(QueueAdmin.class.getName());
    private static final long REPLY_MILLIS = 30_000;

    private final ConnectionFactory factory;

    QueueAdmin(ConnectionFactory factory) {
        this.factory = factory;
    }

    /**
     * Destroys every queue on the broker whose name matches {@code names}, with its messages, consumers and
     * address, on one connection; a queue that cannot be destroyed is logged and skipped. Then warns when the
     * broker still holds more than {@code warnBytes} of messages: what piles up over a run pushes the broker into
     * paging and finally out of heap, which would skew or end every later scenario.
     */
    void destroyAll(Pattern names, long warnBytes) {
        try (Probe probe = new Probe(factory)) {
            for (Object name : (Object[]) probe.attribute(ResourceNames.BROKER, "queueNames")) {
                if (names.matcher(String.valueOf(name)).matches()) {
                    destroy(probe, String.valueOf(name));
                }
            }
            long held = ((Number) probe.attribute(ResourceNames.BROKER, "addressMemoryUsage")).longValue();
            if (held > warnBytes) {
                LOG.warning(() -> "the broker still holds " + (held >> 20) + " MiB of messages after the clean-up");
            }
        } catch (Exception e) {
            LOG.log(Level.WARNING, "cannot clean up the broker's queues", e);
        }
    }

    private static void destroy(Probe probe, String queue) throws JMSException {
        Message request = probe.session.createMessage();
        JMSManagementHelper.putOperationInvocation(request, ResourceNames.BROKER, "destroyQueue", queue, true, true);
        Message reply = probe.ask(request);
        if (reply == null || !JMSManagementHelper.hasOperationSucceeded(reply)) {
            LOG.warning(() -> "queue " + queue + " not destroyed: " + (reply == null ? "no reply" : failure(reply)));
        }
    }

    /** What a failed management reply says. */
    private static String failure(Message reply) {
        try {
            return String.valueOf(JMSManagementHelper.getResult(reply));
        } catch (Exception e) {
            return "an unreadable reply (" + e + ")";
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

        /** The value of {@code attribute} of the management resource {@code resource}. */
        Object attribute(String resource, String attribute) throws Exception {
            Message request = session.createMessage();
            JMSManagementHelper.putAttribute(request, resource, attribute);
            Message reply = ask(request);
            if (reply == null || !JMSManagementHelper.hasOperationSucceeded(reply)) {
                throw new IllegalStateException("the broker did not tell " + resource + " " + attribute + ": " + reply);
            }
            return JMSManagementHelper.getResult(reply);
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
