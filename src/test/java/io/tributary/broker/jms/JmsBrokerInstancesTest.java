package io.tributary.broker.jms;

import io.tributary.artemis.ArtemisConnections;
import io.tributary.artemis.EmbeddedArtemis;
import io.tributary.broker.Batch;
import io.tributary.broker.BrokerConfig;
import io.tributary.broker.BrokerConsumer;
import io.tributary.broker.BrokerProducer;
import io.tributary.broker.BufferConfig;
import io.tributary.broker.Deadline;
import io.tributary.broker.ProducerConfig;
import io.tributary.stream.Message;
import jakarta.jms.ConnectionFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Two {@link JmsBroker} instances on one queue, as two application instances would have. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class JmsBrokerInstancesTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final BrokerConfig CONFIG = new BrokerConfig("jms", "shared", new BufferConfig(100, 10));

    @TempDir
    Path data;

    private EmbeddedArtemis server;
    private JmsBroker here;
    private JmsBroker there;

    @BeforeEach
    void start() {
        server = new EmbeddedArtemis(data);
        server.start();
        ConnectionFactory factory = ArtemisConnections.connectionFactory(server.connectionUrl());
        here = new JmsBroker(factory, CONFIG, count -> { });
        there = new JmsBroker(factory, CONFIG, count -> { });
    }

    @AfterEach
    void stop() {
        here.close();
        there.close();
        server.stop();
    }

    @Test
    void acksByAnotherInstanceReachTheProducersCallbacks() throws Exception {
        AtomicInteger acked = new AtomicInteger();
        BrokerProducer<Message> producer = here.producer(ProducerConfig.<Message>none().withOnAck(acked::addAndGet));
        for (int i = 0; i < 5; i++) {
            producer.publish(Message.ofText("e" + i));
        }
        try (BrokerConsumer<Message> consumer = there.consumer()) {
            Batch<Message> batch = consumer.get(0, WAIT);
            assertEquals(List.of("e0", "e1", "e2", "e3", "e4"), batch.events().stream().map(Message::text).toList());
            batch.ack();
        }
        Deadline.await(WAIT, "the producer hears the other instance's ack", () -> acked.get() == 5);
    }

    @Test
    void aBatchOfAClosedInstanceIsDeliveredToAnother() throws Exception {
        here.producer(ProducerConfig.none()).publish(Message.ofText("once"));
        BrokerConsumer<Message> leaving = there.consumer();
        assertEquals(1, leaving.get(0, WAIT).size());
        there.close();
        leaving.close();
        try (BrokerConsumer<Message> consumer = here.consumer()) {
            Batch<Message> again = consumer.get(0, WAIT);
            assertEquals("once", again.events().get(0).text());
            assertEquals(2, again.events().get(0).deliveryAttempt(), "the broker counted the first delivery");
            again.ack();
        }
    }
}
