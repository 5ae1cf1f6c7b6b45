package io.tributary.artemis;

import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ArtemisConnectionsTest {

    @ParameterizedTest
    @ValueSource(strings = {"not a url", "http://broker:61616", "", "   ", "tcp://broker:port", "tcp://:61616",
            "tcp://broker:70000", "foo://x"})
    void anUnparseableUrlIsRejectedNamingItAndWhatIsAllowed(String url) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ArtemisConnections.connectionFactory(url));
        assertTrue(e.getMessage().contains("'" + url + "'"), e.getMessage());
        assertTrue(e.getMessage().contains("tcp://host:61616"), e.getMessage());
    }

    @Test
    void aNullUrlIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> ArtemisConnections.connectionFactory(null));
    }

    @Test
    void theConfirmationWindowIsAddedWhenMissing() {
        ActiveMQConnectionFactory f = ArtemisConnections.connectionFactory("tcp://localhost:61616");
        assertEquals(ArtemisConnections.DEFAULT_CONFIRMATION_WINDOW_BYTES, f.getConfirmationWindowSize());
        assertEquals(-1, f.getReconnectAttempts());
    }

    @Test
    void producersGetAWindowOfOneMebibyteUnlessTheUrlSetsOne() {
        assertEquals(1 << 20, ArtemisConnections.connectionFactory("tcp://localhost:61616").getProducerWindowSize());
        assertEquals(-1, ArtemisConnections.connectionFactory("tcp://localhost:61616?producerWindowSize=-1")
                .getProducerWindowSize());
    }

    @Test
    void aDeadClientIsDetectedAfterTenSecondsUnlessTheUrlSaysOtherwise() {
        ActiveMQConnectionFactory f = ArtemisConnections.connectionFactory("tcp://localhost:61616");
        assertEquals(10_000, f.getConnectionTTL());
        assertEquals(5_000, f.getClientFailureCheckPeriod());
        ActiveMQConnectionFactory g = ArtemisConnections.connectionFactory(
                "tcp://localhost:61616?connectionTTL=60000&clientFailureCheckPeriod=30000");
        assertEquals(60_000, g.getConnectionTTL());
        assertEquals(30_000, g.getClientFailureCheckPeriod());
    }

    @Test
    void settingsInTheUrlWin() {
        ActiveMQConnectionFactory f = ArtemisConnections.connectionFactory(
                "tcp://localhost:61616?confirmationWindowSize=4096&reconnectAttempts=3&producerWindowSize=65536", "app",
                "secret");
        assertEquals(4096, f.getConfirmationWindowSize());
        assertEquals(65_536, f.getProducerWindowSize());
        assertEquals(3, f.getReconnectAttempts());
        assertEquals("app", f.getUser());
    }

    @Test
    void aListOfBrokersIsAccepted() {
        ActiveMQConnectionFactory f = ArtemisConnections.connectionFactory("(tcp://a:61616,tcp://b:61617)?ha=true");
        assertEquals(2, f.getStaticConnectors().length);
        assertEquals(ArtemisConnections.DEFAULT_CONFIRMATION_WINDOW_BYTES, f.getConfirmationWindowSize());
    }

    @Test
    void aUrlIsShownWithoutItsCredentials() {
        String url = "(tcp://app:pw-one@a:61616,tcp://b:61617)?ha=true&password=pw-two&sslEnabled=true"
                + "&trustStorePassword=pw-three&keyStorePassword=pw-four";
        String shown = ArtemisConnections.redact(url);
        for (String secret : new String[] {"pw-one", "pw-two", "pw-three", "pw-four"}) {
            assertFalse(shown.contains(secret), shown);
        }
        assertTrue(shown.contains("tcp://***@a:61616") && shown.contains("tcp://b:61617") && shown.contains("ha=true")
                && shown.contains("password=***"), shown);
        assertEquals("vm://0?confirmationWindowSize=1", ArtemisConnections.redact("vm://0?confirmationWindowSize=1"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ArtemisConnections.connectionFactory("tcp://broker:port?password=pw-five"));
        assertFalse(e.getMessage().contains("pw-five"), e.getMessage());
    }
}
