package io.tributary.connection;

import io.tributary.artemis.ArtemisConnections;
import jakarta.jms.ConnectionFactory;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;

/**
 * Connections to the Artemis broker at a URL ({@code tributary.broker.url}), from an Artemis client
 * factory built by {@link ArtemisConnections} with Tributary's client defaults. Credentials are passed in
 * (from MicroProfile Config), never logged; the URL is logged redacted. Thread-safe; {@link #close()} closes the client factory.
 */
public final class UrlConnectionSource implements ConnectionSource {

    private final String url;
    private final String user;
    private final String credential;
    private final ActiveMQConnectionFactory factory;

    /**
     * @param user the user, or empty for none
     * @throws IllegalArgumentException naming the URL and what is allowed, if it cannot be parsed
     */
    public UrlConnectionSource(String url, String user, String password) {
        this.url = url;
        this.user = user.isEmpty() ? null : user;
        this.credential = user.isEmpty() ? null : password;
        this.factory = ArtemisConnections.connectionFactory(url, this.user, credential);
    }

    @Override
    public ConnectionFactory factory() {
        return factory;
    }

    @Override
    public ConnectionFactory unbufferedFactory() {
        ActiveMQConnectionFactory unbuffered = ArtemisConnections.connectionFactory(url, user, credential);
        unbuffered.setConsumerWindowSize(0);
        return unbuffered;
    }

    @Override
    public String description() {
        return "the broker at " + ArtemisConnections.redact(url);
    }

    @Override
    public boolean containerManaged() {
        return false;
    }

    @Override
    public void close() {
        factory.close();
    }
}
