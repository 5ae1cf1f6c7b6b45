package io.tributary.connection;

import io.tributary.artemis.EmbeddedArtemis;
import io.tributary.config.ConfigKey;
import io.tributary.config.TributaryConfig;

import java.nio.file.Path;
import java.util.function.Supplier;

/**
 * Picks the {@link ConnectionSource} the configuration asks for: the container's factory when
 * {@code tributary.connection-factory} is set (the broker URL and the embedded broker are then never
 * used), else the broker at {@code tributary.broker.url}, else an embedded broker if
 * {@code tributary.embedded.enabled} (Tributary's own WAR sets it; a library never starts a broker nobody
 * asked for). Stateless.
 */
public final class ConnectionSources {

    private ConnectionSources() {
    }

    /**
     * Opens the configured source.
     *
     * @param dataDirectory where an embedded broker keeps its journal; asked only if one is started
     * @throws IllegalStateException if the JNDI name does not resolve to a JMS connection factory, or if
     *         nothing names a broker and the embedded one is not enabled
     */
    public static ConnectionSource open(TributaryConfig config, Supplier<Path> dataDirectory) {
        if (config.connectionFactoryName().isPresent()) {
            return new JndiConnectionSource(config.connectionFactoryName().get());
        }
        if (config.brokerUrl().isPresent()) {
            return new UrlConnectionSource(config.brokerUrl().get(), config.text(ConfigKey.BROKER_USER),
                    config.text(ConfigKey.BROKER_PASSWORD));
        }
        if (!config.flag(ConfigKey.EMBEDDED_ENABLED)) {
            throw new IllegalStateException("Tributary has no broker: set " + ConfigKey.BROKER_URL.key()
                    + " (your Artemis broker), " + ConfigKey.CONNECTION_FACTORY.key() + " (your server's JMS"
                    + " connection factory), " + ConfigKey.EMBEDDED_ENABLED.key() + "=true (a broker inside this"
                    + " application) or " + ConfigKey.TRANSPORT.key() + "=memory (in-JVM streams)");
        }
        return new EmbeddedConnectionSource(new EmbeddedArtemis(dataDirectory.get(),
                config.embeddedAcceptor().orElse(null), config.flag(ConfigKey.EMBEDDED_AUDIT_LOG)));
    }
}
