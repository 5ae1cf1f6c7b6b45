package io.tributary.stream.jms;

import io.tributary.stream.StreamException;
import io.tributary.stream.StreamTimeoutException;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSException;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TemporaryQueue;
import java.time.Duration;
import java.util.Objects;
import org.apache.activemq.artemis.api.core.management.ResourceNames;
import org.apache.activemq.artemis.api.jms.management.JMSManagementHelper;

/**
 * Artemis management over JMS: one request to the broker's management address per call, answered on a
 * temporary queue within {@value #REPLY_TIMEOUT_SECONDS} seconds. For operators' views and actions
 * (the console), never on a message path.
 *
 * <p>Each instance holds one connection with one session; {@link #close()} releases them (and so the
 * temporary queue). Not thread-safe: one per request.
 */
public final class BrokerManagement implements AutoCloseable {

    private static final int REPLY_TIMEOUT_SECONDS = 10;
    private static final Duration REPLY_TIMEOUT = Duration.ofSeconds(REPLY_TIMEOUT_SECONDS);

    private final Connection connection;
    private final Session session;
    private final MessageProducer requests;
    private final MessageConsumer replies;
    private final TemporaryQueue replyQueue;

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
            session = opened.createSession(false, Session.AUTO_ACKNOWLEDGE);
            requests = session.createProducer(session.createQueue(QueueBacklog.MANAGEMENT_ADDRESS));
            replyQueue = session.createTemporaryQueue();
            replies = session.createConsumer(replyQueue);
            opened.start();
            connection = opened;
        } catch (JMSException e) {
            closeQuietly(opened);
            throw new StreamException("the broker's management cannot be reached: " + e.getMessage(), e);
        }
    }

    /** The JSON text of the broker operation {@code listQueues(options, page, pageSize)}. */
    public String listQueues(String filterJson, int page, int pageSize) {
        return String.valueOf(invoke(ResourceNames.BROKER, "listQueues", filterJson, page, pageSize));
    }

    /** How long the oldest message of {@code queue} has waited, in milliseconds; 0 when it is empty. */
    public long firstMessageAge(String queue) {
        Object age = attribute(ResourceNames.QUEUE + queue, "firstMessageAge");
        return age instanceof Number n ? n.longValue() : 0;
    }

    /** Stops delivery from {@code queue} to its consumers; messages still arrive and wait. */
    public void pause(String queue) {
        invoke(ResourceNames.QUEUE + queue, "pause");
    }

    /** Resumes delivery from a paused {@code queue}. */
    public void resume(String queue) {
        invoke(ResourceNames.QUEUE + queue, "resume");
    }

    /** The value of a management attribute. */
    Object attribute(String resource, String attribute) {
        try {
            jakarta.jms.Message request = session.createMessage();
            JMSManagementHelper.putAttribute(request, resource, attribute);
            return call(request, resource + "." + attribute);
        } catch (JMSException e) {
            throw new StreamException("management attribute " + resource + "." + attribute + " cannot be read: "
                    + e.getMessage(), e);
        }
    }

    /** The result of a management operation. */
    Object invoke(String resource, String operation, Object... parameters) {
        try {
            jakarta.jms.Message request = session.createMessage();
            JMSManagementHelper.putOperationInvocation(request, resource, operation, parameters);
            return call(request, resource + "." + operation);
        } catch (StreamException e) {
            throw e;
        } catch (Exception e) {
            throw new StreamException("management operation " + resource + "." + operation + " failed: "
                    + e.getMessage(), e);
        }
    }

    private Object call(jakarta.jms.Message request, String what) throws JMSException {
        request.setJMSReplyTo(replyQueue);
        requests.send(request);
        jakarta.jms.Message reply = replies.receive(REPLY_TIMEOUT.toMillis());
        if (reply == null) {
            throw new StreamTimeoutException("the broker did not answer " + what + " within " + REPLY_TIMEOUT);
        }
        Object result;
        try {
            result = JMSManagementHelper.getResult(reply);
        } catch (Exception e) {
            throw new StreamException("the broker's answer to " + what + " cannot be read: " + e.getMessage(), e);
        }
        if (!JMSManagementHelper.hasOperationSucceeded(reply)) {
            throw new StreamException("the broker refused " + what + ": " + result);
        }
        return result;
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
