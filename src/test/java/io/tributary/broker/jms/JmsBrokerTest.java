package io.tributary.broker.jms;

import io.tributary.artemis.ArtemisConnections;
import io.tributary.artemis.EmbeddedArtemis;
import io.tributary.broker.Broker;
import io.tributary.broker.BrokerConfig;
import io.tributary.broker.BrokerConformance;
import io.tributary.broker.BrokerRegistry;
import io.tributary.broker.BufferConfig;
import io.tributary.broker.Eventer;
import io.tributary.stream.Message;
import io.tributary.broker.Batch;
import io.tributary.broker.BrokerConsumer;
import io.tributary.broker.BrokerProducer;
import io.tributary.broker.ProducerConfig;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/** The broker conformance suite against the JMS broker on an embedded Artemis (in-VM transport). */
class JmsBrokerTest extends BrokerConformance {

    private static final AtomicInteger NEXT = new AtomicInteger();

    @TempDir
    Path data;

    private EmbeddedArtemis server;
    private ConnectionFactory factory;
    private BrokerRegistry registry;

    @BeforeEach
    void startServer() {
        server = new EmbeddedArtemis(data);
        server.start();
        factory = ArtemisConnections.connectionFactory(server.connectionUrl());
        registry = new BrokerRegistry();
        registry.register(BrokerRegistry.JMS, new JmsBrokerFactory(factory));
    }

    @AfterEach
    void stopServer() {
        closeBrokers();
        server.stop();
    }

    @Override
    protected Broker<Message> createBroker(BufferConfig buffer, Eventer eventer) {
        return registry.load(new BrokerConfig(BrokerRegistry.JMS, "broker-" + NEXT.incrementAndGet(), buffer), eventer);
    }

    @Override
    protected int loadEvents() {
        return 150;
    }

    @Test
    void aConsumerHoldsAtMostSixteenBatches() throws Exception {
        Broker<Message> broker = broker(100);
        BrokerProducer<Message> p = broker.producer(ProducerConfig.none());
        for (int i = 0; i <= JmsBrokerConsumer.MAX_OPEN_BATCHES; i++) {
            p.publish(Message.ofText("e" + i));
        }
        try (BrokerConsumer<Message> c = broker.consumer()) {
            for (int i = 0; i < JmsBrokerConsumer.MAX_OPEN_BATCHES; i++) {
                assertEquals(1, c.get(1, WAIT).size());
            }
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> c.get(1, WAIT));
            assertTrue(e.getMessage().contains("16 un-acked batches"), e.getMessage());
        }
    }

    @Test
    void messagesThatCannotBeReadMoveToTheDeadLetterQueue() throws Exception {
        Broker<Message> broker = broker(10);
        String queue = "broker-" + NEXT.get();
        try (Connection connection = factory.createConnection();
                Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE)) {
            session.createProducer(session.createQueue(queue)).send(session.createMapMessage());
        }
        broker.producer(ProducerConfig.none()).publish(Message.ofText("fine"));
        try (BrokerConsumer<Message> c = broker.consumer()) {
            Batch<Message> batch = c.get(0, WAIT);
            if (batch.size() == 0) {
                batch = c.get(0, WAIT);
            }
            assertEquals(List.of("fine"), batch.events().stream().map(Message::text).toList());
            batch.ack();
        }
        try (Connection connection = factory.createConnection();
                Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
                MessageConsumer dlq = session.createConsumer(session.createQueue(queue + ".DLQ"))) {
            connection.start();
            jakarta.jms.Message letter = dlq.receive(WAIT.toMillis());
            assertTrue(letter != null && letter.getStringProperty("dlq_reason").contains("MapMessage"),
                    "dead letter with its reason: " + letter);
        }
    }
}
