package io.tributary.testing;

import io.tributary.artemis.ArtemisConnections;
import io.tributary.artemis.EmbeddedArtemis;
import jakarta.jms.ConnectionFactory;
import org.apache.qpid.jms.JmsConnectionFactory;

import java.nio.file.Path;

/**
 * A real embedded Artemis broker that also speaks AMQP, for tests of messages other clients send: an
 * AMQP acceptor on {@code 127.0.0.1} (a port given in the test range, shifted by {@link TestPorts}) next to
 * the in-VM core acceptor, with a core client factory and a Qpid JMS (AMQP) client factory. {@link #close()}
 * stops the broker, and with it the acceptor.
 */
public final class AmqpBroker implements AutoCloseable {

    private final EmbeddedArtemis broker;
    private final ConnectionFactory core;
    private final ConnectionFactory amqp;

    /** Starts a broker with its data in {@code data} and its AMQP acceptor on {@code port} (shifted). */
    public AmqpBroker(Path data, int port) throws Exception {
        broker = new EmbeddedArtemis(data);
        broker.start();
        int shifted = TestPorts.shifted(port);
        try {
            broker.server().getRemotingService()
                    .createAcceptor("amqp", "tcp://127.0.0.1:" + shifted + "?protocols=AMQP").start();
        } catch (Exception e) {
            broker.stop();
            throw e;
        }
        core = ArtemisConnections.connectionFactory(broker.connectionUrl());
        amqp = new JmsConnectionFactory("amqp://127.0.0.1:" + shifted);
    }

    /** A factory of Artemis core (in-VM) connections. */
    public ConnectionFactory core() {
        return core;
    }

    /** A factory of Qpid JMS connections over AMQP. */
    public ConnectionFactory amqp() {
        return amqp;
    }

    @Override
    public void close() {
        broker.stop();
    }
}
