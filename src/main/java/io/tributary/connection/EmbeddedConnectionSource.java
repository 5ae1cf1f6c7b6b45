package io.tributary.connection;

import io.tributary.artemis.EmbeddedArtemis;
import jakarta.jms.ConnectionFactory;

/**
 * Connections to an embedded Artemis broker that this source starts (persistent journal, loopback or
 * in-VM only) and stops on {@link #close()}, after closing its client factory. Thread-safe.
 */
public final class EmbeddedConnectionSource implements ConnectionSource {

    private final EmbeddedArtemis broker;
    private final UrlConnectionSource client;

    /** Starts {@code broker} and connects to it. */
    public EmbeddedConnectionSource(EmbeddedArtemis broker, String user, String password) {
        this.broker = broker;
        broker.start();
        this.client = new UrlConnectionSource(broker.connectionUrl(), user, password);
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
