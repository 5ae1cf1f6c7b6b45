package io.tributary.reliability;

import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.Queue;
import jakarta.jms.TemporaryQueue;
import java.time.Duration;
import org.apache.activemq.artemis.api.core.management.ResourceNames;
import org.apache.activemq.artemis.api.jms.management.JMSManagementHelper;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;

/**
 * Reads attributes of an Artemis address (its memory size, whether it pages) through the broker's
 * management address, on a connection of its own. Not thread-safe; close it after use.
 */
final class AddressState implements AutoCloseable {

    private static final Duration REPLY_TIMEOUT = Duration.ofSeconds(10);

    private final String address;
    private final JMSContext context;
    private final Queue management;
    private final TemporaryQueue replies;

    AddressState(ActiveMQConnectionFactory factory, String address) {
        this.address = address;
        this.context = factory.createContext();
        this.management = context.createQueue("activemq.management");
        this.replies = context.createTemporaryQueue();
        context.start();
    }

    /** Bytes of messages the broker holds in memory for the address. */
    long size() throws Exception {
        return ((Number) attribute("addressSize")).longValue();
    }

    /** Whether the broker is paging the address to disk. */
    boolean paging() throws Exception {
        return (Boolean) attribute("paging");
    }

    private Object attribute(String name) throws Exception {
        Message request = context.createMessage();
        JMSManagementHelper.putAttribute(request, ResourceNames.ADDRESS + address, name);
        request.setJMSReplyTo(replies);
        context.createProducer().send(management, request);
        Message reply;
        try (JMSConsumer consumer = context.createConsumer(replies)) {
            reply = consumer.receive(REPLY_TIMEOUT.toMillis());
        }
        if (reply == null || !JMSManagementHelper.hasOperationSucceeded(reply)) {
            throw new JMSException("no answer for attribute " + name + " of address " + address + ": " + reply);
        }
        return JMSManagementHelper.getResult(reply);
    }

    @Override
    public void close() {
        context.close();
    }
}
