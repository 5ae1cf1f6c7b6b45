package io.tributary.testing;

import io.tributary.artemis.ArtemisConnections;
import io.tributary.artemis.EmbeddedArtemis;
import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.Session;
import java.nio.file.Path;

/**
 * A started embedded broker with one started connection and one non-transacted session on it, for tests
 * that talk to the broker through plain JMS. {@link #close()} closes the connection and stops the broker.
 */
public final class BrokerSession implements AutoCloseable {

    private final EmbeddedArtemis broker;
    private final Connection connection;
    private final Session session;

    /** Starts a broker with its journal in {@code data} and connects to it. */
    public BrokerSession(Path data) throws JMSException {
        broker = new EmbeddedArtemis(data);
        broker.start();
        try {
            connection = ArtemisConnections.connectionFactory(broker.connectionUrl()).createConnection();
            connection.start();
            session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
        } catch (JMSException | RuntimeException e) {
            broker.stop();
            throw e;
        }
    }

    /** The broker. */
    public EmbeddedArtemis broker() {
        return broker;
    }

    /** The session (auto-acknowledge, not transacted). */
    public Session session() {
        return session;
    }

    @Override
    public void close() throws JMSException {
        try {
            connection.close();
        } finally {
            broker.stop();
        }
    }
}
