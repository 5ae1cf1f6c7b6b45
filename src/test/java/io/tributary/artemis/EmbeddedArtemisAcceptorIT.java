package io.tributary.artemis;

import io.tributary.stream.ConsumerOptions;
import io.tributary.stream.ProducerOptions;
import io.tributary.stream.jms.JmsStreams;
import io.tributary.testing.TestPorts;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSException;
import jakarta.jms.JMSSecurityException;
import jakarta.jms.Session;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The embedded broker's TCP acceptor, opened only when asked for: security is then on, so a client
 * without credentials or with a wrong password is refused (on TCP and in-VM alike), and only the
 * configured user gets in.
 */
class EmbeddedArtemisAcceptorIT {

    private static final int PORT = TestPorts.shifted(62210);

    @TempDir
    Path data;

    private final String password = Base64.getUrlEncoder().withoutPadding()
            .encodeToString(new SecureRandom().generateSeed(18));

    @Test
    void theTcpAcceptorRefusesClientsWithoutTheConfiguredCredentials() throws Exception {
        try (EmbeddedArtemis broker = new EmbeddedArtemis(data, new TcpAcceptor(PORT, "tributary-app", password))) {
            broker.start();
            String tcp = "tcp://127.0.0.1:" + PORT + "?reconnectAttempts=0&initialConnectAttempts=1";
            assertRefused(ArtemisConnections.connectionFactory(tcp), "no credentials over TCP");
            assertRefused(ArtemisConnections.connectionFactory(tcp, "tributary-app", "wrong-" + password),
                    "a wrong password over TCP");
            assertRefused(ArtemisConnections.connectionFactory(tcp, "admin", "admin"), "admin/admin over TCP");
            assertRefused(ArtemisConnections.connectionFactory(broker.connectionUrl()), "no credentials in-VM");
            assertEquals("ok", roundTrip(ArtemisConnections.connectionFactory(tcp, "tributary-app", password)));
            TcpAcceptor inVm = broker.credentials().orElseThrow();
            assertEquals("ok", roundTrip(ArtemisConnections.connectionFactory(broker.connectionUrl(), inVm.user(),
                    inVm.password())));
            try (JmsStreams streams = new JmsStreams(ArtemisConnections.connectionFactory(broker.connectionUrl(),
                    inVm.user(), inVm.password()), ProducerOptions.DEFAULTS, ConsumerOptions.DEFAULTS, ".DLQ")) {
                assertEquals(0, streams.backlog("acceptor-check"), "management answers the configured user");
            }
        }
    }

    private static void assertRefused(ConnectionFactory factory, String who) {
        JMSException e = assertThrows(JMSException.class, () -> {
            try (Connection c = factory.createConnection()) {
                c.createSession(false, Session.AUTO_ACKNOWLEDGE).close();
            }
        }, who + " got in");
        assertTrue(e instanceof JMSSecurityException, who + ": " + e);
    }

    private static String roundTrip(ConnectionFactory factory) throws JMSException {
        try (Connection c = factory.createConnection()) {
            c.start();
            Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
            s.createProducer(s.createQueue("acceptor-check")).send(s.createTextMessage("ok"));
            jakarta.jms.Message m = s.createConsumer(s.createQueue("acceptor-check")).receive(10_000);
            return m == null ? null : m.getBody(String.class);
        }
    }
}
