package io.tributary.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSRuntimeException;
import jakarta.jms.JMSSecurityRuntimeException;
import jakarta.jms.Message;
import jakarta.jms.Queue;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.junit.jupiter.api.Test;

/** Proves that {@link ArtemisProcess} runs a real, separate, crash-able broker that tests can trust. */
class ArtemisProcessIT {

    private static final long RECEIVE_TIMEOUT_MILLIS = 10_000;

    @Test
    void persistentMessageSurvivesKillAndRestart() throws Exception {
        ArtemisProcess broker = ArtemisProcess.create("artemis-process-it");
        long secondPid;
        try {
            broker.start();
            long firstPid = broker.pid();

            assertEquals("round trip", sendThenReceive(broker, "it.roundtrip", "round trip"));
            send(broker, "it.survivor", "sent before the crash");

            broker.kill();
            assertFalse(alive(firstPid), "broker JVM " + firstPid + " still alive after kill()");
            assertFalse(accepting(broker.port()), "port " + broker.port() + " still accepts after kill()");

            broker.start();
            secondPid = broker.pid();
            assertNotEquals(firstPid, secondPid);
            assertEquals("sent before the crash", receive(broker, "it.survivor"));
        } finally {
            broker.close();
        }
        broker.close();
        assertFalse(alive(secondPid), "broker JVM " + secondPid + " still alive after close()");
        assertFalse(accepting(broker.port()), "port " + broker.port() + " still accepts after close()");
    }

    @Test
    void refusesClientsWithoutThisInstancesCredentials() {
        try (ArtemisProcess broker = ArtemisProcess.create("artemis-process-login-it").start();
             ActiveMQConnectionFactory factory = new ActiveMQConnectionFactory(broker.url())) {
            assertThrows(JMSSecurityRuntimeException.class,
                    () -> factory.createContext(broker.user(), "not-" + broker.password()).close());
        }
    }

    @Test
    void createsAnUntunedNioJournalOrTheJournalArtemisChoosesByDefault() {
        ArtemisProcess untuned = ArtemisProcess.create("artemis-process-untuned-it");
        ArtemisProcess tuned = ArtemisProcess.createWithDefaultJournal("artemis-process-tuned-it", untuned.port());
        assertEquals("NIO, journal-buffer-timeout default", untuned.journal(), "--nio --no-autotune writes no timeout");
        assertTrue(tuned.journal().matches("(ASYNCIO|NIO|MAPPED), journal-buffer-timeout \\d+ ns"),
                "artemis create picks a journal type and tunes the timeout: " + tuned.journal());
    }

    private static String sendThenReceive(ArtemisProcess broker, String queue, String text) throws Exception {
        send(broker, queue, text);
        return receive(broker, queue);
    }

    private static void send(ArtemisProcess broker, String queueName, String text) {
        try (ActiveMQConnectionFactory factory = factory(broker);
             JMSContext context = factory.createContext(broker.user(), broker.password())) {
            Queue queue = context.createQueue(queueName);
            context.createProducer().setDeliveryMode(DeliveryMode.PERSISTENT).send(queue, text);
        }
    }

    private static String receive(ArtemisProcess broker, String queueName) throws Exception {
        try (ActiveMQConnectionFactory factory = factory(broker);
             JMSContext context = factory.createContext(broker.user(), broker.password(),
                     JMSContext.SESSION_TRANSACTED)) {
            Message message = context.createConsumer(context.createQueue(queueName)).receive(RECEIVE_TIMEOUT_MILLIS);
            assertNotNull(message, "no message on " + queueName + " within " + RECEIVE_TIMEOUT_MILLIS + " ms");
            context.commit();
            return message.getBody(String.class);
        } catch (JMSRuntimeException e) {
            throw new AssertionError("receiving from " + queueName + " failed", e);
        }
    }

    private static ActiveMQConnectionFactory factory(ArtemisProcess broker) {
        return new ActiveMQConnectionFactory(broker.url());
    }

    private static boolean alive(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    private static boolean accepting(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
