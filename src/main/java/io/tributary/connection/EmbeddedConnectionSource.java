package io.tributary.connection;

import io.tributary.artemis.EmbeddedArtemis;
import io.tributary.artemis.TcpAcceptor;
import jakarta.jms.ConnectionFactory;

/**
 * Connections to an embedded Artemis broker that this source starts (persistent journal, in-VM only
 * unless a password-protected TCP acceptor on 127.0.0.1 is configured) and stops on {@link #close()}, after closing its client factory. Thread-safe.
 */
public final class EmbeddedConnectionSource implements ConnectionSource {

    private final EmbeddedArtemis broker;
    private final UrlConnectionSource client;

    /** Starts {@code broker} and connects to it, with the credentials of its TCP acceptor if it has one. */
    public EmbeddedConnectionSource(EmbeddedArtemis broker) {
        this.broker = broker;
        broker.start();
        this.client = new UrlConnectionSource(broker.connectionUrl(),
                broker.credentials().map(TcpAcceptor::user).orElse(""),
                broker.credentials().map(TcpAcceptor::password).orElse(""));
    }

    /** The embedded broker (tests stop and restart it to simulate an outage). */
    public EmbeddedArtemis broker() {
        return broker;
    }

    @Override
    public ConnectionFactory factory() {
        return client.factory();
    }

    @Override
    public ConnectionFactory unbufferedFactory() {
        return client.unbufferedFactory();
    }

    @Override
    public String description() {
        return "the embedded broker, journal in " + broker.dataDirectory();
    }

    @Override
    public boolean containerManaged() {
        return false;
    }

    @Override
    public void close() {
        client.close();
        broker.stop();
    }
}
