package io.tributary.stream.jms;

import io.tributary.stream.StreamException;
import io.tributary.stream.StreamTimeoutException;
import jakarta.jms.Connection;
import jakarta.jms.InvalidDestinationException;
import jakarta.jms.JMSException;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TemporaryQueue;
import org.apache.activemq.artemis.api.core.management.ResourceNames;
import org.apache.activemq.artemis.api.jms.management.JMSManagementHelper;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Reads the depth of Artemis queues (a stream and its retry queue) through the broker's management
 * address, as their sum.
 *
 * <p>Each call sends, per queue, a management request for the attribute {@code messageCount} of the
 * resource {@code queue.<name>} to {@value #MANAGEMENT_ADDRESS} and waits for the reply on a temporary
 * queue of this reader. Every request carries a correlation id of its own (Artemis copies it into the
 * reply); a reply with another correlation id (the late answer to an earlier request that timed out, for
 * this or another queue) is dropped, never taken as the answer. Artemis' {@code messageCount} counts every
 * message on the queue not yet acknowledged: ready ones, ones delivered to a consumer (including
 * prefetched into its buffer and in open transactions), and scheduled ones (nacked messages waiting for
 * their retry), including those paged to disk.
 *
 * <p>Opening it makes sure the queues exist (a browser auto-creates them), so a stream nothing was sent
 * to yet counts 0; a topic subscription's queue (multicast) exists already and is left alone. Closing it
 * deletes its temporary queue, so a reader per call leaves nothing on the broker. Thread safety: calls
 * are serialized; the session is opened on first use and kept until {@link #close()} or a failure.
 */
final class QueueBacklog implements AutoCloseable {

    /** Where Artemis listens for management requests (its default). */
    static final String MANAGEMENT_ADDRESS = "activemq.management";

    private static final Duration REPLY_TIMEOUT = Duration.ofSeconds(10);
    private static final Logger LOG = Logger.getLogger(QueueBacklog.class.getName());

    private final Connection connection;
    private final List<String> queues;
    private Session session;
    private MessageProducer requests;
    private MessageConsumer replies;
    private TemporaryQueue replyQueue;

    QueueBacklog(Connection connection, List<String> queues) {
        this.connection = connection;
        this.queues = List.copyOf(queues);
    }

    /** The backlog of a stream: its queue plus the queue of its scheduled retries. */
    static QueueBacklog of(Connection connection, String stream) {
        return new QueueBacklog(connection, List.of(stream, stream + RetryMover.SUFFIX));
    }

    /**
     * The number of messages on the queue not yet acknowledged.
     *
     * @throws StreamException if the broker refused the request, {@link StreamTimeoutException} if it did not answer
     */
    synchronized long count() {
        try {
            open();
            long total = 0;
            for (String queue : queues) {
                total += count(queue);
            }
            return total;
        } catch (StreamException e) {
            close();
            throw e;
        } catch (Exception e) {
            close();
            throw new StreamException("backlog of queues " + queues + " cannot be read: " + e, e);
        }
    }

    /** The temporary queue the replies come to, opening the session if needed (for tests). */
    synchronized TemporaryQueue replyQueue() throws JMSException {
        open();
        return replyQueue;
    }

    private long count(String queue) throws Exception {
        jakarta.jms.Message request = session.createMessage();
        JMSManagementHelper.putAttribute(request, ResourceNames.QUEUE + queue, "messageCount");
        String correlation = UUID.randomUUID().toString();
        request.setJMSCorrelationID(correlation);
        request.setJMSReplyTo(replyQueue);
        requests.send(request);
        long deadline = System.nanoTime() + REPLY_TIMEOUT.toNanos();
        while (true) {
            long left = Math.max(1, (deadline - System.nanoTime()) / 1_000_000);
            jakarta.jms.Message reply = System.nanoTime() < deadline ? replies.receive(left) : null;
            if (reply == null) {
                throw new StreamTimeoutException("the broker did not answer the backlog request for queue '" + queue
                        + "' within " + REPLY_TIMEOUT);
            }
            if (!correlation.equals(reply.getJMSCorrelationID())) {
                LOG.fine(() -> "dropped a management reply that answers another request than the backlog of '"
                        + queue + "'");
                continue;
            }
            Object result = JMSManagementHelper.getResult(reply);
            if (!JMSManagementHelper.hasOperationSucceeded(reply) || !(result instanceof Number n)) {
                throw new StreamException("the broker refused the backlog request for queue '" + queue + "': "
                        + result);
            }
            return n.longValue();
        }
    }

    /** Deletes the reply queue and closes the management session, if open. */
    @Override
    public synchronized void close() {
        if (session == null) {
            return;
        }
        try {
            replies.close();
            replyQueue.delete();
        } catch (JMSException | RuntimeException e) {
            LOG.log(Level.FINE, "deleting the reply queue of the backlog reader of " + queues + " failed", e);
        }
        Sessions.close(session, "the backlog reader of " + queues);
        session = null;
    }

    private void open() throws JMSException {
        if (session != null) {
            return;
        }
        session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
        try {
            requests = session.createProducer(session.createQueue(MANAGEMENT_ADDRESS));
            replyQueue = session.createTemporaryQueue();
            replies = session.createConsumer(replyQueue);
        } catch (JMSException | RuntimeException e) {
            Sessions.close(session, "the backlog reader of " + queues);
            session = null;
            throw e;
        }
        for (String queue : queues) {
            try {
                session.createBrowser(session.createQueue(queue)).close();
            } catch (InvalidDestinationException multicast) {
                LOG.finest(() -> "queue " + queue + " exists as a topic subscription: " + multicast.getMessage());
            }
        }
    }
}
