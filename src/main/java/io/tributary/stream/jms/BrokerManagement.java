package io.tributary.stream.jms;

import io.tributary.stream.StreamException;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSException;
import jakarta.jms.Session;
import java.util.Objects;
import org.apache.activemq.artemis.api.core.management.ResourceNames;

/**
 * Artemis management over JMS for operators' views and actions (the console), never on a message path:
 * one {@link ManagementRequests} on a connection of its own, each request answered within its bound.
 *
 * <p>Each instance holds one connection with one session; {@link #close()} releases them (and so the
 * temporary queue). Not thread-safe: one per request.
 */
public final class BrokerManagement implements AutoCloseable {

    private final Connection connection;
    private final ManagementRequests requests;

    /**
     * Opens a management session on a new connection of {@code factory}.
     *
     * @throws StreamException if the broker cannot be reached
     */
    public BrokerManagement(ConnectionFactory factory) {
        Objects.requireNonNull(factory, "factory must not be null");
        Connection opened = null;
        try {
            opened = factory.createConnection();
            requests = new ManagementRequests(opened.createSession(false, Session.AUTO_ACKNOWLEDGE));
            opened.start();
            connection = opened;
        } catch (JMSException e) {
            closeQuietly(opened);
            throw new StreamException("the broker's management cannot be reached: " + e.getMessage(), e);
        }
    }

    /** The JSON text of the broker operation {@code listQueues(options, page, pageSize)}. */
    public String listQueues(String filterJson, int page, int pageSize) {
        return String.valueOf(requests.invoke(ResourceNames.BROKER, "listQueues", filterJson, page, pageSize));
    }

    /** How long the oldest message of {@code queue} has waited, in milliseconds; 0 when it is empty. */
    public long firstMessageAge(String queue) {
        Object age = requests.attribute(ResourceNames.QUEUE + queue, "firstMessageAge");
        return age instanceof Number n ? n.longValue() : 0;
    }

    /** Stops delivery from {@code queue} to its consumers; messages still arrive and wait. */
    public void pause(String queue) {
        requests.invoke(ResourceNames.QUEUE + queue, "pause");
    }

    /** Resumes delivery from a paused {@code queue}. */
    public void resume(String queue) {
        requests.invoke(ResourceNames.QUEUE + queue, "resume");
    }

    @Override
    public void close() {
        closeQuietly(connection);
    }

    private static void closeQuietly(Connection c) {
        if (c == null) {
            return;
        }
        try {
            c.close();
        } catch (JMSException e) {
            java.util.logging.Logger.getLogger(BrokerManagement.class.getName())
                    .fine(() -> "closing a management connection failed: " + e);
        }
    }
}
