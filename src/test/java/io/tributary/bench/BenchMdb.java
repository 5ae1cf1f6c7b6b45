package io.tributary.bench;

import jakarta.ejb.MessageDriven;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;

/**
 * The {@code mdb} peer of the benchmark, deployed on a Liberty server of its own ({@link AppServerConsume}): a plain
 * message-driven bean activated by the Artemis resource adapter through the activation spec
 * {@code jms/benchSpec}, with the container-managed transaction every MDB has by default (REQUIRED: one XA
 * transaction per message, committed when {@link #onMessage} returns, rolled back and redelivered if it throws).
 * It reads each body, as the other consumers of the benchmark do. Instances are pooled by the container and
 * called by one thread at a time.
 */
@MessageDriven(name = "BenchMdb")
public class BenchMdb implements MessageListener {

    @Override
    public void onMessage(Message message) {
        try {
            message.getBody(byte[].class);
        } catch (JMSException e) {
            throw new IllegalStateException("cannot read the body of " + message + ": " + e, e);
        }
    }
}
