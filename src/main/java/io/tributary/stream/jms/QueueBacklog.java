package io.tributary.stream.jms;

import io.tributary.stream.StreamException;
import io.tributary.stream.StreamTimeoutException;
import jakarta.jms.Connection;
import jakarta.jms.InvalidDestinationException;
import jakarta.jms.JMSException;
import jakarta.jms.Session;
import jakarta.jms.TemporaryQueue;
import org.apache.activemq.artemis.api.core.management.ResourceNames;

import java.util.List;
import java.util.logging.Logger;

/**
 * Reads the depth of Artemis queues (a stream and its retry queue) through the broker's management
 * address, as their sum.
 *
 * <p>Each call reads, per queue, the attribute {@code messageCount} of the resource {@code queue.<name>}
 * through {@link ManagementRequests} (plain JMS, so this works on any Artemis connection, also a Jakarta
 * EE server's from the resource adapter; a late reply to an earlier request is never taken as the answer).
 * Artemis' {@code messageCount} counts every
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

    private static final Logger LOG = Logger.getLogger(QueueBacklog.class.getName());

    private final Connection connection;
    private final List<String> queues;
    private Session session;
    private ManagementRequests management;

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
        return management.replyQueue();
    }

    private long count(String queue) {
        Object count = management.attribute(ResourceNames.QUEUE + queue, "messageCount");
        if (!(count instanceof Number n)) {
            throw new StreamException("the broker answered the backlog request for queue '" + queue
                    + "' with " + count + " instead of a message count");
        }
        return n.longValue();
    }

    /** Deletes the reply queue and closes the management session, if open. */
    @Override
    public synchronized void close() {
        if (session == null) {
            return;
        }
        management.close();
        Sessions.close(session, "the backlog reader of " + queues);
        session = null;
    }

    private void open() throws JMSException {
        if (session != null) {
            return;
        }
        session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
        try {
            management = new ManagementRequests(session);
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
