package it.io.tributary;

import io.tributary.testing.ArtemisProcess;
import io.tributary.testing.TestPorts;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The broker the Arquillian server's Artemis resource adapter connects to (src/test/liberty/arquillian/
 * server.xml: 127.0.0.1, port {@code it.port.base + 550}, that is {@code TestPorts.shifted(62250)}): a real
 * Artemis process, started before the first test class that registers this extension is deployed, and
 * stopped, by PID, when the JUnit run ends (a resource of the root context). One broker for the whole run,
 * because the server's connection pool outlives each test class: a broker restarted under it would roll
 * back the first transaction of every pooled session (failover), which is not what these tests are about.
 * Register it before {@code ArquillianExtension} so the broker is up when the application starts.
 *
 * <p>It acts only in the test JVM, where failsafe sets {@code artemis.home}; inside the server (where
 * Arquillian runs the same test class) it does nothing. The broker lets anonymous clients in because the
 * server's adapter is configured before the broker (and its random credentials) exist.
 */
public final class RaBroker implements BeforeAllCallback {

    /** The port the server's adapter is configured with, before the shift. */
    static final int NOMINAL_PORT = 62250;

    /** The port, shifted (its owner is this class, whoever asks). */
    static int port() {
        return TestPorts.shifted(NOMINAL_PORT);
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        if (System.getProperty("artemis.home") != null) {
            context.getRoot().getStore(ExtensionContext.Namespace.create(RaBroker.class))
                    .getOrComputeIfAbsent(RaBroker.class, k -> new Running(), Running.class);
        }
    }

    /** The running broker, closed with the root context. */
    private static final class Running implements ExtensionContext.Store.CloseableResource {

        private final ArtemisProcess broker =
                ArtemisProcess.createAllowingAnonymous("ra", port()).start();

        @Override
        public void close() {
            broker.close();
        }
    }
}
