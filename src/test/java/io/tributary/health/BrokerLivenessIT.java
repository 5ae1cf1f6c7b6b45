package io.tributary.health;

import io.tributary.artemis.ArtemisConnections;
import io.tributary.artemis.EmbeddedArtemis;
import io.tributary.artemis.TcpAcceptor;
import io.tributary.eventstream.ExponentialBackoff;
import io.tributary.stream.jms.ConnectionSupervisor;
import io.tributary.testing.Deadlines;
import io.tributary.testing.TestPorts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What the unauthenticated health endpoints say when a real broker refuses Tributary's login: that the
 * credentials are refused, but never the broker's error text, which names the user and the client's
 * address (the log keeps it: {@link ConnectionSupervisor#describe()}).
 */
class BrokerLivenessIT {

    private static final int PORT = TestPorts.shifted(62211);

    @TempDir
    Path data;

    @Test
    void aRefusedLoginIsReportedWithoutTheUserOrTheClientAddress() throws Exception {
        String password = Base64.getUrlEncoder().withoutPadding().encodeToString(new SecureRandom().generateSeed(18));
        String user = "liveness-user-" + Long.toString(System.nanoTime(), 36);
        try (EmbeddedArtemis broker = new EmbeddedArtemis(data, new TcpAcceptor(PORT, "tributary-app", password));
             ConnectionSupervisor supervisor = new ConnectionSupervisor(ArtemisConnections.connectionFactory(
                     "tcp://127.0.0.1:" + PORT, user, "wrong-" + password),
                     new ExponentialBackoff(Duration.ofMillis(50), Duration.ofMillis(200)))) {
            broker.start();
            supervisor.start();
            Deadlines.await(supervisor::terminal, Duration.ofSeconds(30), "the broker refuses the login");
            assertTrue(supervisor.describe().contains(user), "the log text names the user: " + supervisor.describe());
            String live = BrokerLiveness.reason(supervisor);
            String ready = supervisor.summary();
            for (String shown : new String[] {live, ready}) {
                assertFalse(shown.contains(user), shown);
                assertFalse(shown.contains("127.0.0.1"), shown);
                assertFalse(shown.contains("AMQ"), shown);
            }
            assertTrue(live.contains("refuses Tributary's credentials"), live);
            assertTrue(ready.contains("refused the credentials"), ready);
        }
    }
}
