package io.tributary.broker.jms;

import io.tributary.artemis.ArtemisConnections;
import io.tributary.artemis.EmbeddedArtemis;
import io.tributary.broker.Batch;
import io.tributary.broker.BrokerConfig;
import io.tributary.broker.BrokerConsumer;
import io.tributary.broker.BrokerException;
import io.tributary.broker.BrokerProducer;
import io.tributary.broker.BufferConfig;
import io.tributary.broker.Eventer;
import io.tributary.broker.ProducerConfig;
import io.tributary.stream.Message;
import io.tributary.stream.ProducerOptions;
import jakarta.jms.ConnectionFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The JMS batching broker through a broker outage that ends its connections for good (the client gives
 * up at once), and its bounded waits.
 */
class JmsBrokerOutageTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String GIVE_UP = "&reconnectAttempts=0&callTimeout=2000&callFailoverTimeout=2000";

    @TempDir
    Path data;

    private EmbeddedArtemis server;

    @BeforeEach
    void start() {
        server = new EmbeddedArtemis(data);
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop();
    }

    @Test
    void afterTheConnectionIsRecreatedConsumersGetAgainAndAcksReachTheOtherInstance() throws Exception {
        ConnectionFactory factory = ArtemisConnections.connectionFactory(server.connectionUrl() + GIVE_UP);
        BrokerConfig config = new BrokerConfig("jms", "outage", new BufferConfig(100, 10));
        AtomicInteger acked = new AtomicInteger();
        try (JmsBroker here = new JmsBroker(factory, config, Eventer.NONE);
                JmsBroker there = new JmsBroker(factory, config, Eventer.NONE)) {
            BrokerProducer<Message> producer = here.producer(ProducerConfig.<Message>none().withOnAck(acked::addAndGet));
            producer.publish(Message.builder().id("e0").text("e0").build());
            server.stop();
            server.start();
            publishUntilAccepted(producer, Message.builder().id("e1").text("e1").build());
            Set<String> got = new HashSet<>();
            try (BrokerConsumer<Message> consumer = there.consumer()) {
                long end = System.nanoTime() + WAIT.toNanos();
                while (acked.get() < 2) {
                    assertTrue(System.nanoTime() < end, "acked " + acked.get() + " of 2, got " + got);
                    try {
                        Batch<Message> batch = consumer.get(0, Duration.ofMillis(200));
                        batch.events().forEach(e -> got.add(e.id()));
                        batch.ack();
                    } catch (BrokerException e) {
                        // a batch of the connection that died: the broker delivers it again
                    }
                }
            }
            assertEquals(Set.of("e0", "e1"), got);
        }
    }

    @Test
    void publishWaitsForBufferRoomAtMostTheSendTimeout() throws Exception {
        ConnectionFactory factory = ArtemisConnections.connectionFactory(server.connectionUrl());
        BrokerConfig config = new BrokerConfig("jms", "full", new BufferConfig(1, 1));
        ProducerOptions options = ProducerOptions.DEFAULTS.withSendTimeout(Duration.ofMillis(300));
        try (JmsBroker broker = new JmsBroker(factory, config, Eventer.NONE, options)) {
            BrokerProducer<Message> producer = broker.producer(ProducerConfig.none());
            producer.publish(Message.ofText("held"));
            CompletableFuture<Void> second = CompletableFuture.runAsync(() -> {
                try {
                    producer.publish(Message.ofText("no room"));
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            });
            ExecutionException failed = assertThrows(ExecutionException.class, () -> second.get(20, TimeUnit.SECONDS),
                    "the publish ends, with an error");
            BrokerException e = assertInstanceOf(BrokerException.class, failed.getCause());
            assertTrue(e.getMessage().contains("PT0.3S") && e.getMessage().contains("capacity"), e.getMessage());
            try (BrokerConsumer<Message> consumer = broker.consumer()) {
                Batch<Message> batch = consumer.get(0, WAIT);
                assertEquals(List.of("held"), batch.events().stream().map(Message::text).toList());
                batch.ack();
            }
        }
    }

    /** Publishes, again while the producer's connection is being re-created (a failed publish is not held). */
    private static void publishUntilAccepted(BrokerProducer<Message> producer, Message event) throws Exception {
        long end = System.nanoTime() + WAIT.toNanos();
        while (true) {
            try {
                producer.publish(event);
                return;
            } catch (BrokerException e) {
                assertTrue(System.nanoTime() < end, "never published: " + e);
                Thread.sleep(50);
            }
        }
    }
}
