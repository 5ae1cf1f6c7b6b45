package io.tributary.broker.jms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tributary.artemis.ArtemisConnections;
import io.tributary.artemis.EmbeddedArtemis;
import io.tributary.testing.Deadlines;
import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link NoticePoller} on a real embedded broker: every message reaches the listener, in order, from the
 * poller's thread; a broker that goes away and comes back is survived; {@code close()} returns while a
 * receive is waiting and the thread is gone.
 */
class NoticePollerTest {

    private static final Duration DEADLINE = Duration.ofSeconds(20);

    @TempDir
    Path data;

    @Test
    void deliversInOrderSurvivesABrokerRestartAndCloses() throws Exception {
        EmbeddedArtemis broker = new EmbeddedArtemis(data);
        broker.start();
        ActiveMQConnectionFactory factory = ArtemisConnections.connectionFactory(broker.connectionUrl());
        List<String> heard = new CopyOnWriteArrayList<>();
        List<String> threads = new CopyOnWriteArrayList<>();
        try (Connection connection = factory.createConnection()) {
            connection.start();
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            NoticePoller poller = new NoticePoller("test notices", session.createConsumer(session.createQueue("notices")),
                    m -> {
                        threads.add(Thread.currentThread().getName());
                        try {
                            heard.add(m.getBody(String.class));
                        } catch (JMSException e) {
                            throw new IllegalStateException(e);
                        }
                    });
            send(factory, "a", "b", "c");
            Deadlines.await(() -> heard.size() == 3, DEADLINE, "heard only " + heard);
            assertEquals(List.of("a", "b", "c"), heard);
            assertTrue(threads.stream().allMatch(t -> t.equals("tributary-poll test notices")), threads.toString());

            broker.stop();
            broker.start();
            send(factory, "d");
            Deadlines.await(() -> heard.contains("d"), DEADLINE, "nothing heard after the broker restart: " + heard);

            poller.close();
            assertFalse(Thread.getAllStackTraces().keySet().stream()
                    .anyMatch(t -> t.getName().equals("tributary-poll test notices")), "the poller thread ended");
        } finally {
            factory.close();
            broker.stop();
        }
    }

    private static void send(ActiveMQConnectionFactory factory, String... texts) throws JMSException {
        try (Connection c = factory.createConnection()) {
            Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageProducer p = s.createProducer(s.createQueue("notices"));
            for (String t : texts) {
                p.send(s.createTextMessage(t));
            }
        }
    }
}
