package io.tributary.connection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tributary.artemis.ArtemisConnections;
import io.tributary.artemis.EmbeddedArtemis;
import io.tributary.testing.Deadlines;
import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.activemq.artemis.api.core.client.ClientSession;
import org.apache.activemq.artemis.core.server.ServerSession;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link ContainerConnectionFactory} over a real Artemis factory (embedded broker, in-VM): each session
 * holds a broker connection of its own, closed with the session (counted on the broker: its JMS sessions
 * and their connections); a connection whose handles
 * cannot be taken tells its exception listener; what a container forbids is refused naming the factory.
 */
class ContainerConnectionFactoryTest {

    private static final Duration DEADLINE = Duration.ofSeconds(10);

    @TempDir
    Path data;

    private EmbeddedArtemis broker;
    private ActiveMQConnectionFactory artemis;
    private ContainerConnectionFactory factory;

    @BeforeEach
    void start() {
        broker = new EmbeddedArtemis(data);
        broker.start();
        artemis = ArtemisConnections.connectionFactory(broker.connectionUrl());
        factory = new ContainerConnectionFactory("jms/test", artemis);
    }

    @AfterEach
    void stop() {
        factory.close();
        artemis.close();
        broker.stop();
    }

    @Test
    void eachSessionHoldsAConnectionOfItsOwnUntilItCloses() throws Exception {
        try (Connection connection = factory.createConnection()) {
            connection.start();
            Session a = connection.createSession(true, Session.SESSION_TRANSACTED);
            Session b = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            Session c = connection.createSession();
            awaitJmsSessions(3);
            assertEquals(3, jmsSessionConnections().size(), "three sessions on three broker connections");
            a.close();
            awaitJmsSessions(2);
            b.createProducer(b.createQueue("handles")).send(b.createTextMessage("through a handle"));
            MessageConsumer receiver = c.createConsumer(c.createQueue("handles"));
            assertEquals("through a handle", receiver.receive(DEADLINE.toMillis()).getBody(String.class),
                    "sessions opened after start() are started");
            connection.close();
            awaitJmsSessions(0);
        }
    }

    @Test
    void aSessionThatCannotBeOpenedIsReportedToTheExceptionListener() throws Exception {
        List<JMSException> heard = new CopyOnWriteArrayList<>();
        try (Connection connection = factory.createConnection()) {
            connection.setExceptionListener(heard::add);
            broker.stop();
            assertThrows(JMSException.class, () -> connection.createSession(false, Session.AUTO_ACKNOWLEDGE));
            assertEquals(1, heard.size(), "the listener heard of the failure: " + heard);
        }
        assertThrows(JMSException.class, factory::createConnection, "the probe fails while the broker is down");
    }

    @Test
    void whatAContainerForbidsIsRefusedNamingTheFactory() throws Exception {
        try (Connection connection = factory.createConnection()) {
            JMSException clientId = assertThrows(JMSException.class, () -> connection.setClientID("guard"));
            assertTrue(clientId.getMessage().contains("jms/test") && clientId.getMessage().contains("shared subscription"),
                    clientId.getMessage());
            assertThrows(jakarta.jms.IllegalStateException.class, connection::stop);
        }
        JMSException credentials = assertThrows(JMSException.class, () -> factory.createConnection("u", "p"));
        assertTrue(credentials.getMessage().contains("jms/test"), credentials.getMessage());
    }

    /** The broker connections of the JMS sessions open on the broker (the probe's included while open). */
    private List<Object> jmsSessionConnections() {
        return broker.server().getSessions().stream()
                .filter(s -> s.getMetaData(ClientSession.JMS_SESSION_IDENTIFIER_PROPERTY) != null)
                .map(ServerSession::getConnectionID).distinct().toList();
    }

    private void awaitJmsSessions(int expected) throws InterruptedException {
        Deadlines.await(() -> jmsSessionCount() == expected, DEADLINE,
                "JMS sessions on the broker never " + expected + " (now " + jmsSessionCount() + ")");
    }

    private long jmsSessionCount() {
        return broker.server().getSessions().stream()
                .filter(s -> s.getMetaData(ClientSession.JMS_SESSION_IDENTIFIER_PROPERTY) != null).count();
    }
}
