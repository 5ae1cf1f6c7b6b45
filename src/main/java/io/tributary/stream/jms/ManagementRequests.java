package io.tributary.stream.jms;

import io.tributary.stream.StreamException;
import io.tributary.stream.StreamTimeoutException;
import jakarta.jms.JMSException;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TemporaryQueue;
import jakarta.jms.TextMessage;
import java.time.Duration;
import java.util.Arrays;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.apache.activemq.artemis.api.core.JsonUtil;
import org.apache.activemq.artemis.api.core.management.ManagementHelper;

/**
 * Requests to Artemis' management address ({@value #MANAGEMENT_ADDRESS}) over plain JMS, on a session the
 * caller owns: reading an attribute of a resource ({@code queue.<name>}, {@code broker}) or invoking an
 * operation on it. Request and reply are read and written through the JMS API only (the management headers
 * as message properties, the parameters and the result as JSON text bodies), never through Artemis' JMS
 * message classes, so this works on any Artemis connection: the client's from a URL, the embedded broker's,
 * and a Jakarta EE server's from the resource adapter. Management needs the {@code manage} permission.
 *
 * <p>Every request carries a correlation id of its own (Artemis copies it into the reply) and its answer is
 * awaited on this object's temporary queue for at most {@value #REPLY_TIMEOUT_SECONDS} seconds; a reply with
 * another correlation id (the late answer to an earlier request that timed out) is dropped, never taken as
 * the answer. A reply that reports failure becomes a {@link StreamException} naming the resource, the
 * operation or attribute, and the broker's own message.
 *
 * <p>The session must not be transacted (a request would wait for a commit) and its connection must be
 * started. Not thread-safe: calls must be serialized by the caller. {@link #close()} deletes the temporary
 * queue and leaves the session open.
 */
public final class ManagementRequests implements AutoCloseable {

    /** Where Artemis listens for management requests (its default). */
    public static final String MANAGEMENT_ADDRESS = "activemq.management";

    private static final int REPLY_TIMEOUT_SECONDS = 10;
    private static final Duration REPLY_TIMEOUT = Duration.ofSeconds(REPLY_TIMEOUT_SECONDS);
    private static final Logger LOG = Logger.getLogger(ManagementRequests.class.getName());

    private final Session session;
    private final MessageProducer requests;
    private final TemporaryQueue replyQueue;
    private final MessageConsumer replies;

    /**
     * Opens the request producer and the reply queue on {@code session}.
     *
     * @throws JMSException if the session refuses either
     */
    public ManagementRequests(Session session) throws JMSException {
        this.session = session;
        this.requests = session.createProducer(session.createQueue(MANAGEMENT_ADDRESS));
        TemporaryQueue opened = session.createTemporaryQueue();
        try {
            this.replies = session.createConsumer(opened);
        } catch (JMSException | RuntimeException e) {
            opened.delete();
            throw e;
        }
        this.replyQueue = opened;
    }

    /**
     * The value of the attribute {@code attribute} of the management resource {@code resource}.
     *
     * @throws StreamException if the broker refused, {@link StreamTimeoutException} if it did not answer
     */
    public Object attribute(String resource, String attribute) {
        String what = "attribute " + resource + "." + attribute;
        try {
            jakarta.jms.Message request = session.createMessage();
            request.setStringProperty(ManagementHelper.HDR_RESOURCE_NAME.toString(), resource);
            request.setStringProperty(ManagementHelper.HDR_ATTRIBUTE.toString(), attribute);
            return call(request, what);
        } catch (JMSException e) {
            throw new StreamException("management " + what + " cannot be read: " + e.getMessage(), e);
        }
    }

    /**
     * The result of the operation {@code operation} on the management resource {@code resource}, with
     * {@code parameters} (strings, numbers, booleans) in the order of the operation's signature.
     *
     * @throws StreamException if the broker refused, {@link StreamTimeoutException} if it did not answer
     */
    public Object invoke(String resource, String operation, Object... parameters) {
        String what = "operation " + resource + "." + operation;
        try {
            TextMessage request = session.createTextMessage(json(parameters, what));
            request.setStringProperty(ManagementHelper.HDR_RESOURCE_NAME.toString(), resource);
            request.setStringProperty(ManagementHelper.HDR_OPERATION_NAME.toString(), operation);
            return call(request, what);
        } catch (JMSException e) {
            throw new StreamException("management " + what + " cannot be sent: " + e.getMessage(), e);
        }
    }

    private static String json(Object[] parameters, String what) {
        try {
            return JsonUtil.toJSONArray(parameters).toString();
        } catch (Exception e) {
            throw new IllegalArgumentException("management " + what + ": parameters " + Arrays.toString(parameters)
                    + " are not all strings, numbers, booleans or null: " + e.getMessage(), e);
        }
    }

    /** The temporary queue the replies come to (for tests). */
    TemporaryQueue replyQueue() {
        return replyQueue;
    }

    private Object call(jakarta.jms.Message request, String what) throws JMSException {
        String correlation = UUID.randomUUID().toString();
        request.setJMSCorrelationID(correlation);
        request.setJMSReplyTo(replyQueue);
        requests.send(request);
        long deadline = System.nanoTime() + REPLY_TIMEOUT.toNanos();
        while (true) {
            long left = (deadline - System.nanoTime()) / 1_000_000;
            jakarta.jms.Message reply = left > 0 ? replies.receive(left) : null;
            if (reply == null) {
                throw new StreamTimeoutException("the broker did not answer management " + what + " within "
                        + REPLY_TIMEOUT);
            }
            if (correlation.equals(reply.getJMSCorrelationID())) {
                return result(reply, what);
            }
            LOG.fine(() -> "dropped a management reply that answers another request than " + what);
        }
    }

    private static Object result(jakarta.jms.Message reply, String what) throws JMSException {
        String body = reply instanceof TextMessage text ? text.getText() : null;
        Object result;
        try {
            Object[] values = body == null ? new Object[0] : JsonUtil.fromJsonArray(JsonUtil.readJsonArray(body));
            result = values.length == 0 ? null : values[0];
        } catch (Exception e) {
            throw new StreamException("the broker's answer to management " + what + " is not a JSON array: " + body, e);
        }
        if (!reply.getBooleanProperty(ManagementHelper.HDR_OPERATION_SUCCEEDED.toString())) {
            throw new StreamException("the broker refused management " + what + ": " + result);
        }
        return result;
    }

    @Override
    public void close() {
        try {
            replies.close();
            requests.close();
            replyQueue.delete();
        } catch (JMSException | RuntimeException e) {
            LOG.log(Level.FINE, "deleting a management reply queue failed", e);
        }
    }
}
