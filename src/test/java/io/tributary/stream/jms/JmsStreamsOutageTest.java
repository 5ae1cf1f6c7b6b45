package io.tributary.stream.jms;

import io.tributary.artemis.ArtemisConnections;
import io.tributary.artemis.EmbeddedArtemis;
import io.tributary.eventstream.ExponentialBackoff;
import io.tributary.stream.Consumer;
import io.tributary.stream.ConsumerOptions;
import io.tributary.stream.Message;
import io.tributary.stream.Producer;
import io.tributary.stream.ProducerOptions;
import io.tributary.stream.RedeliveryPolicy;
import io.tributary.stream.Store;
import io.tributary.stream.StreamException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What {@link JmsStreams} does when the broker goes away under it. Stopping the embedded broker ends its
 * in-VM connections either with the client reconnecting (RECONNECTING) or giving up at once (FAILED, the
 * supervisor re-creates the connection): the tests hold for both.
 */
class JmsStreamsOutageTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    /** Blocking calls during an outage give up after 2 s instead of 30 s. */
    private static final String FAST_FAILOVER = "&callTimeout=2000&callFailoverTimeout=2000";

    @TempDir
    Path data;

    @Test
    void closingWhileTheBrokerIsDownDoesNotWaitForReconnectionAndLosesNothing() throws Exception {
        try (EmbeddedArtemis broker = new EmbeddedArtemis(data)) {
            broker.start();
            JmsStreams streams = streams(broker);
            try (Producer p = streams.producer("outage")) {
                p.send(Message.ofText("kept")).toCompletableFuture().get(10, TimeUnit.SECONDS);
            }
            Consumer c = streams.consumer("outage");
            assertEquals(1, c.receive(1, WAIT).size());
            broker.stop();
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (streams.isConnected() && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertTrue(!streams.isConnected(), "the client never reported the connection lost");
            CompletableFuture.runAsync(streams::close).get(20, TimeUnit.SECONDS);

            broker.start();
            try (JmsStreams again = streams(broker); Consumer c2 = again.consumer("outage")) {
                List<Message> got = c2.receive(1, WAIT);
                assertEquals(List.of("kept"), got.stream().map(Message::text).toList());
                c2.ack(got.get(0));
            }
        }
    }

    @Test
    void producersAndConsumersOpenedBeforeAnOutageWorkAfterTheBrokerIsBack() throws Exception {
        try (EmbeddedArtemis broker = new EmbeddedArtemis(data)) {
            broker.start();
            try (JmsStreams streams = supervised(broker, FAST_FAILOVER);
                    Producer p = streams.producer("resume");
                    Consumer c = streams.consumer("resume")) {
                p.send(Message.ofText("before")).toCompletableFuture().get(10, TimeUnit.SECONDS);
                broker.stop();
                long noticed = System.nanoTime() + WAIT.toNanos();
                while (streams.isConnected()) {
                    assertTrue(System.nanoTime() < noticed, "the outage was never noticed");
                    Thread.onSpinWait();
                }
                broker.start();
                awaitState(streams, ConnectionState.CONNECTED);
                sendUntilConfirmed(p, Message.ofText("after"));
                assertEquals(List.of("before", "after"), receiveAndAck(c, 2));
                assertEquals(0, streams.backlog("resume"));
            }
        }
    }

    @Test
    void whenTheClientGivesUpTheSupervisorRecreatesTheConnectionAndProducersAndConsumersReopenOnIt()
            throws Exception {
        try (EmbeddedArtemis broker = new EmbeddedArtemis(data)) {
            broker.start();
            try (JmsStreams streams = supervised(broker, FAST_FAILOVER + "&reconnectAttempts=0");
                    Producer p = streams.producer("recreate");
                    Consumer c = streams.consumer("recreate")) {
                p.send(Message.ofText("before")).toCompletableFuture().get(10, TimeUnit.SECONDS);
                broker.stop();
                awaitState(streams, ConnectionState.FAILED);
                StreamException down = assertThrows(StreamException.class, () -> p.send(Message.ofText("lost")));
                assertTrue(down.getMessage().contains("FAILED"), down.getMessage());
                assertEquals(List.of(), c.receive(10, Duration.ofMillis(100)), "a receive waits, then returns empty");

                broker.start();
                awaitState(streams, ConnectionState.CONNECTED);
                assertEquals(2, streams.supervisor().link().generation(), "a new connection");
                p.send(Message.ofText("after")).toCompletableFuture().get(10, TimeUnit.SECONDS);
                assertEquals(List.of("before", "after"), receiveAndAck(c, 2));
            }
        }
    }

    @Test
    void aStoreWorksAfterTheSupervisorRecreatedTheConnection() throws Exception {
        try (EmbeddedArtemis broker = new EmbeddedArtemis(data)) {
            broker.start();
            try (JmsStreams streams = supervised(broker, FAST_FAILOVER + "&reconnectAttempts=0");
                    Store store = streams.store("parked")) {
                store.add(Message.builder().id("before").text("before").build());
                broker.stop();
                awaitState(streams, ConnectionState.FAILED);
                broker.start();
                awaitState(streams, ConnectionState.CONNECTED);
                assertEquals(2, streams.supervisor().link().generation(), "a new connection");
                store.add(Message.builder().id("after").text("after").build());
                assertEquals(List.of("before", "after"), store.list().stream().map(Message::id).toList());
                assertTrue(store.delete(Message.builder().id("before").text("x").build()));
                assertEquals(1, store.flush());
            }
        }
    }

    @Test
    void aDelayedRetryIsMovedToTheStreamAfterTheSupervisorRecreatedTheConnection() throws Exception {
        ConsumerOptions delayed = ConsumerOptions.DEFAULTS.withRedelivery(
                new RedeliveryPolicy(3, Duration.ofSeconds(1), 1.0, Duration.ofSeconds(1)));
        try (EmbeddedArtemis broker = new EmbeddedArtemis(data)) {
            broker.start();
            try (JmsStreams streams = supervised(broker, FAST_FAILOVER + "&reconnectAttempts=0");
                    Producer p = streams.producer("retried");
                    Consumer c = streams.consumer("retried", delayed)) {
                p.send(Message.ofText("again")).toCompletableFuture().get(10, TimeUnit.SECONDS);
                List<Message> first = c.receive(1, WAIT);
                c.nack(first.get(0), "later, please");
                broker.stop();
                awaitState(streams, ConnectionState.FAILED);
                broker.start();
                awaitState(streams, ConnectionState.CONNECTED);
                assertEquals(List.of("again"), receiveAndAck(c, 1), "the retry moved when due, on the new connection");
                assertEquals(0, streams.backlog("retried"));
            }
        }
    }

    @Test
    void theUsualLoopSurvivesACommitThatFailsOverMidBatch() throws Exception {
        try (EmbeddedArtemis broker = new EmbeddedArtemis(data)) {
            broker.start();
            try (JmsStreams streams = supervised(broker, FAST_FAILOVER);
                    Producer p = streams.producer("midbatch");
                    Consumer c = streams.consumer("midbatch",
                            ConsumerOptions.DEFAULTS.withAdaptiveBatching(2, Duration.ofSeconds(10)))) {
                p.sendAll(List.of(Message.ofText("one"), Message.ofText("two"))).toCompletableFuture()
                        .get(10, TimeUnit.SECONDS);
                List<Message> batch = c.receive();
                assertEquals(List.of("one", "two"), batch.stream().map(Message::text).toList());
                c.ack(batch.get(0));
                broker.stop();
                List<String> failures = new ArrayList<>();
                for (Message m : batch.subList(1, 2)) {
                    try {
                        c.ack(m);
                    } catch (Exception e) {
                        failures.add(e.toString());
                        c.nack(m, e.toString());
                    }
                }
                assertEquals(1, failures.size(), "the commit of the last ack failed over: " + failures);
                assertTrue(failures.get(0).contains(StreamException.class.getSimpleName()), failures.get(0));
                c.ack(batch.get(0));

                broker.start();
                awaitState(streams, ConnectionState.CONNECTED);
                List<String> committed = new ArrayList<>();
                long deadline = System.nanoTime() + WAIT.toNanos();
                while (!committed.containsAll(List.of("one", "two"))) {
                    assertTrue(System.nanoTime() < deadline, "the failed batch never came again: " + committed);
                    List<Message> again = c.receive(2, Duration.ofMillis(200));
                    try {
                        again.forEach(c::ack);
                        again.forEach(m -> committed.add(m.text()));
                    } catch (StreamException e) {
                        again.forEach(m -> c.nack(m, "the first commit after a failover may fail too"));
                    }
                }
            }
        }
    }

    /** The default options of the producers under test. */
    protected ProducerOptions producerOptions() {
        return ProducerOptions.DEFAULTS;
    }

    private JmsStreams supervised(EmbeddedArtemis broker, String urlParameters) {
        ConnectionSupervisor supervisor = new ConnectionSupervisor(
                ArtemisConnections.connectionFactory(broker.connectionUrl() + urlParameters),
                new ExponentialBackoff(Duration.ofMillis(10), Duration.ofMillis(100)));
        return new JmsStreams(supervisor.connect(), producerOptions(), ConsumerOptions.DEFAULTS, ".DLQ");
    }

    private static List<String> receiveAndAck(Consumer c, int count) throws InterruptedException {
        List<String> got = new ArrayList<>();
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (got.size() < count && System.nanoTime() < deadline) {
            List<Message> batch = c.receive(10, Duration.ofMillis(200));
            batch.forEach(m -> got.add(m.text()));
            batch.forEach(c::ack);
        }
        return got;
    }

    /** Sends until confirmed: a send caught by the outage may fail, and resending it is safe. */
    private static void sendUntilConfirmed(Producer p, Message m) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (true) {
            try {
                p.send(m).toCompletableFuture().get(5, TimeUnit.SECONDS);
                return;
            } catch (StreamException | java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                assertTrue(System.nanoTime() < deadline, "never confirmed: " + e);
            }
        }
    }

    private static void awaitState(JmsStreams streams, ConnectionState state) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (streams.connectionState() != state) {
            assertTrue(System.nanoTime() < deadline, "connection never " + state + ": "
                    + streams.supervisor().describe());
            Thread.onSpinWait();
        }
    }

    private JmsStreams streams(EmbeddedArtemis broker) {
        return new JmsStreams(ArtemisConnections.connectionFactory(broker.connectionUrl()), producerOptions(),
                ConsumerOptions.DEFAULTS, ".DLQ");
    }
}
