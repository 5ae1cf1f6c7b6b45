package it.io.tributary;

import io.tributary.testing.ArtemisProcess;
import io.tributary.testing.TestPorts;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The broker the Arquillian server's Artemis resource adapter connects to (src/test/liberty/arquillian/
 * server.xml: 127.0.0.1, port {@code it.port.base + 550}, that is {@code TestPorts.shifted(62250)}): a real
 * Artemis process, started before the test class's deployment and stopped, by PID, after its last test.
 * Register it before {@code ArquillianExtension} so the broker is up when the application starts.
 *
 * <p>It acts only in the test JVM, where failsafe sets {@code artemis.home}; inside the server (where
 * Arquillian runs the same test class) it does nothing. The broker lets anonymous clients in because the
 * server's adapter is configured before the broker (and its random credentials) exist.
 */
public final class RaBroker implements BeforeAllCallback, AfterAllCallback {

    /** The port the server's adapter is configured with, before the shift. */
    static final int NOMINAL_PORT = 62250;

    private ArtemisProcess broker;

    @Override
    public void beforeAll(ExtensionContext context) {
        if (System.getProperty("artemis.home") != null) {
            broker = ArtemisProcess.createAllowingAnonymous("ra-" + context.getRequiredTestClass().getSimpleName(),
                    TestPorts.shifted(NOMINAL_PORT)).start();
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (broker != null) {
            broker.close();
        }
    }
}
