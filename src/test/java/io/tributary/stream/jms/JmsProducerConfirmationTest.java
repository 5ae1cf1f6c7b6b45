package io.tributary.stream.jms;

import io.tributary.artemis.ArtemisConnections;
import io.tributary.artemis.EmbeddedArtemis;
import io.tributary.stream.ConsumerOptions;
import io.tributary.stream.Message;
import io.tributary.stream.Producer;
import io.tributary.stream.ProducerOptions;
import io.tributary.stream.StreamException;
import io.tributary.stream.StreamTimeoutException;
import org.apache.activemq.artemis.core.server.ServerSession;
import org.apache.activemq.artemis.core.server.plugin.ActiveMQServerMessagePlugin;
import org.apache.activemq.artemis.core.transaction.Transaction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A send's stage completes when the broker has the message, not when the client handed it over. */
class JmsProducerConfirmationTest {

    @TempDir
    Path data;

    private EmbeddedArtemis broker;

    @BeforeEach
    void start() {
        broker = new EmbeddedArtemis(data);
        broker.start();
    }

    @AfterEach
    void stop() {
        broker.stop();
    }

    @Test
    void theStageWaitsUntilTheBrokerHasRoutedTheMessage() throws Exception {
        Hold hold = hold();
        try (JmsStreams streams = streams(broker.connectionUrl()); Producer p = streams.producer("held")) {
            CompletableFuture<Void> sent = CompletableFuture.supplyAsync(() -> send(p)).thenCompose(s -> s)
                    .toCompletableFuture();
            assertTrue(hold.arrived.await(10, TimeUnit.SECONDS), "the broker never saw the message");
            assertFalse(sent.isDone(), "the send completed before the broker accepted the message");
            hold.release.countDown();
            sent.get(10, TimeUnit.SECONDS);
        } finally {
            hold.release.countDown();
        }
    }

    @Test
    void aFullWindowRefusesTrySendAndTimesOutSend() throws Exception {
        Hold hold = hold();
        ProducerOptions one = ProducerOptions.DEFAULTS.withMaxInFlight(1).withSendTimeout(Duration.ofMillis(50));
        try (JmsStreams streams = streams(broker.connectionUrl()); Producer p = streams.producer("window", one)) {
            CompletableFuture<Void> first = CompletableFuture.supplyAsync(() -> send(p)).thenCompose(s -> s)
                    .toCompletableFuture();
            assertTrue(hold.arrived.await(10, TimeUnit.SECONDS), "the broker never saw the message");
            assertTrue(p.trySend(Message.ofText("second")).isEmpty(), "trySend took a slot of a full window");
            StreamTimeoutException e = assertThrows(StreamTimeoutException.class, () -> p.send(Message.ofText("third")));
            assertTrue(e.getMessage().contains("1 messages unconfirmed"), e.getMessage());
            hold.release.countDown();
            first.get(10, TimeUnit.SECONDS);
            p.trySend(Message.ofText("fourth")).orElseThrow().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } finally {
            hold.release.countDown();
        }
    }

    /** Holds every Tributary message in the broker until {@code release} opens. */
    private Hold hold() {
        Hold hold = new Hold(new CountDownLatch(1), new CountDownLatch(1));
        broker.server().registerBrokerPlugin(new ActiveMQServerMessagePlugin() {
            @Override
            public void beforeSend(ServerSession session, Transaction tx, org.apache.activemq.artemis.api.core.Message m,
                    boolean direct, boolean noAutoCreateQueue) {
                if (m.getStringProperty(MessageCodec.DUPLICATE_ID) != null) {
                    hold.arrived.countDown();
                    awaitQuietly(hold.release);
                }
            }
        });
        return hold;
    }

    private record Hold(CountDownLatch arrived, CountDownLatch release) {
    }

    @Test
    void aSendToAStoppedBrokerNeverCompletesNormally() throws Exception {
        String noReconnect = broker.connectionUrl() + "&reconnectAttempts=0&initialConnectAttempts=1";
        try (JmsStreams streams = streams(noReconnect)) {
            Producer p = streams.producer("gone", ProducerOptions.DEFAULTS.withCloseTimeout(Duration.ofMillis(200)));
            broker.stop();
            CompletionStage<Void> stage;
            try {
                stage = p.send(Message.ofText("lost?"));
            } catch (StreamException refusedAtOnce) {
                p.close();
                return;
            }
            p.close();
            ExecutionException e = assertThrows(ExecutionException.class,
                    () -> stage.toCompletableFuture().get(10, TimeUnit.SECONDS));
            assertInstanceOf(StreamException.class, e.getCause());
        }
    }

    private static CompletionStage<Void> send(Producer p) {
        try {
            return p.send(Message.ofText("held"));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static JmsStreams streams(String url) {
        return new JmsStreams(ArtemisConnections.connectionFactory(url), ProducerOptions.DEFAULTS,
                ConsumerOptions.DEFAULTS, ".DLQ");
    }
}
