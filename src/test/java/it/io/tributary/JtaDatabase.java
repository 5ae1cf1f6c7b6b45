package it.io.tributary;

import io.tributary.testing.PostgresProcess;
import io.tributary.testing.TestPorts;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The PostgreSQL server behind the XA datasource {@code jdbc/tributary-it} of the Arquillian server
 * (src/test/liberty/arquillian/server.xml: 127.0.0.1, port {@code it.port.base + 570}, that is
 * {@code TestPorts.shifted(62270)}, user {@value PostgresProcess#USER}): a real server process with
 * {@code max_prepared_transactions} set, started before the first test class that registers this extension
 * and stopped, by {@code pg_ctl} and then by PID, when the JUnit run ends (a resource of the root context).
 * Register it before {@code ArquillianExtension}. It acts only in the test JVM (where failsafe sets
 * {@code it.work.dir}); inside the server it does nothing.
 */
public final class JtaDatabase implements BeforeAllCallback {

    /** The port the server's datasource is configured with, before the shift. */
    static final int NOMINAL_PORT = 62270;

    /** The port, shifted (its owner is this class, whoever asks). */
    static int port() {
        return TestPorts.shifted(NOMINAL_PORT);
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        if (System.getProperty("it.work.dir") != null) {
            context.getRoot().getStore(ExtensionContext.Namespace.create(JtaDatabase.class))
                    .getOrComputeIfAbsent(JtaDatabase.class, k -> new Running(), Running.class);
        }
    }

    /** The running database, closed with the root context. */
    private static final class Running implements ExtensionContext.Store.CloseableResource {

        private final PostgresProcess database = PostgresProcess.start("jta", port());

        @Override
        public void close() {
            database.close();
        }
    }
}
