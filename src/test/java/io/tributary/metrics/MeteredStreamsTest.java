package io.tributary.metrics;

import io.tributary.stream.Consumer;
import io.tributary.stream.ConsumerOptions;
import io.tributary.stream.Message;
import io.tributary.stream.Producer;
import io.tributary.stream.RedeliveryPolicy;
import io.tributary.stream.memory.MemoryStreams;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static io.tributary.metrics.StreamMeter.ACKED;
import static io.tributary.metrics.StreamMeter.BACKLOG;
import static io.tributary.metrics.StreamMeter.DEAD_LETTERED;
import static io.tributary.metrics.StreamMeter.NACKED;
import static io.tributary.metrics.StreamMeter.PROCESSING_LATENCY;
import static io.tributary.metrics.StreamMeter.RECEIVED;
import static io.tributary.metrics.StreamMeter.REDELIVERED;
import static io.tributary.metrics.StreamMeter.SENDS_IN_FLIGHT;
import static io.tributary.metrics.StreamMeter.SEND_LATENCY;
import static io.tributary.metrics.StreamMeter.SENT;
import static io.tributary.metrics.StreamMeter.UNSETTLED;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What {@link MeteredStreams} counts, over the in-memory streams. */
class MeteredStreamsTest {

    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final ConsumerOptions TWO_ATTEMPTS = ConsumerOptions.DEFAULTS
            .withRedelivery(new RedeliveryPolicy(2, Duration.ZERO, 1.0, Duration.ZERO));

    private final RecordingMeters meters = new RecordingMeters();
    private final AtomicBoolean reachable = new AtomicBoolean(true);
    private final MeteredStreams streams = new MeteredStreams(new MemoryStreams(), meters, reachable::get,
            Duration.ofHours(1), 1000);

    @AfterEach
    void close() {
        streams.close();
    }

    @Test
    void callerChosenNamesAreBoundedByTheConfiguredNumberOfMeasuredStreams() {
        try (MeteredStreams bounded = new MeteredStreams(new MemoryStreams(), meters, reachable::get,
                Duration.ofHours(1), 3)) {
            for (String name : List.of("s1", "s2", "s3")) {
                bounded.producer(name).close();
                bounded.consumer(name).close();
            }
            bounded.producer("s1").close();
            IllegalStateException refused = assertThrows(IllegalStateException.class, () -> bounded.producer("s4"));
            assertTrue(refused.getMessage().contains("'s4'") && refused.getMessage().contains("tributary.metrics"
                    + ".max-streams") && refused.getMessage().contains("3"), refused.getMessage());
            assertThrows(IllegalStateException.class, () -> bounded.consumer("s5"));
            assertEquals(3, bounded.use().size(), "no state for refused names: " + bounded.use());
        }
    }

    @Test
    void streamsSharingMetersCountIntoTheSameMetersAndShareTheLimit() throws Exception {
        try (MeteredStreams bounded = new MeteredStreams(new MemoryStreams(), meters, reachable::get,
                Duration.ofHours(1), 1); MeteredStreams other = bounded.sharingMeters(new MemoryStreams())) {
            try (Producer a = bounded.producer("shared"); Producer b = other.producer("shared")) {
                send(a, "a");
                send(b, "b");
            }
            assertEquals(2, meters.count(SENT, "shared"), "one counter for the stream, whichever streams sent");
            assertThrows(IllegalStateException.class, () -> other.producer("another"));
        }
    }

    @Test
    void confirmedSendsAreCountedWithTheirLatencyAndLeaveNothingInFlight() throws Exception {
        try (Producer p = streams.producer("orders")) {
            send(p, "a", "b");
            p.sendAll(List.of(Message.ofText("c"), Message.ofText("d"))).toCompletableFuture().get(5, TimeUnit.SECONDS);
            p.trySend(Message.ofText("e")).orElseThrow().toCompletableFuture().get(5, TimeUnit.SECONDS);
        }
        assertEquals(5, meters.count(SENT, "orders"));
        assertEquals(4, meters.timed(SEND_LATENCY, "orders"), "one latency per send and per sendAll");
        assertEquals(0, meters.gauge(SENDS_IN_FLIGHT, "orders"));
    }

    @Test
    void settlementsAreCountedAndTheUnsettledGaugeFollowsThem() throws Exception {
        try (Producer p = streams.producer("orders"); Consumer c = streams.consumer("orders", TWO_ATTEMPTS)) {
            send(p, "a", "b", "c");
            List<Message> batch = c.receive(3, WAIT);
            assertEquals(3, meters.count(RECEIVED, "orders"));
            assertEquals(3, meters.gauge(UNSETTLED, "orders"));
            c.ack(batch.get(0));
            c.ack(batch.get(1));
            assertEquals(1, meters.gauge(UNSETTLED, "orders"));
            c.nack(batch.get(2), "first failure");
            assertEquals(0, meters.gauge(UNSETTLED, "orders"));
            assertEquals(0, meters.count(DEAD_LETTERED, "orders"));

            List<Message> retry = c.receive(1, WAIT);
            assertEquals(2, retry.get(0).deliveryAttempt());
            assertEquals(1, meters.count(REDELIVERED, "orders"));
            c.nack(retry.get(0), "second failure");
        }
        assertEquals(2, meters.count(ACKED, "orders"));
        assertEquals(2, meters.count(NACKED, "orders"));
        assertEquals(1, meters.count(DEAD_LETTERED, "orders"), "the nack on the last attempt dead-letters");
        assertEquals(4, meters.timed(PROCESSING_LATENCY, "orders"));
        assertEquals(1, streams.backlog(streams.deadLetterStream("orders")));
    }

    @Test
    void closingWithUnsettledMessagesReleasesThemFromTheGauge() throws Exception {
        try (Producer p = streams.producer("orders")) {
            send(p, "a", "b");
        }
        Consumer c = streams.consumer("orders");
        assertEquals(2, c.receive(2, WAIT).size());
        assertEquals(2, meters.gauge(UNSETTLED, "orders"));
        c.close();
        assertEquals(0, meters.gauge(UNSETTLED, "orders"));
    }

    @Test
    void backlogGaugeIsCachedAndKeepsItsValueWhileTheBrokerIsUnreachable() throws Exception {
        try (Producer p = streams.producer("orders")) {
            send(p, "a");
            assertEquals(1, meters.gauge(BACKLOG, "orders"));
            send(p, "b");
            assertEquals(1, meters.gauge(BACKLOG, "orders"), "read again within the refresh interval");
        }
        MeteredStreams fresh = new MeteredStreams(new MemoryStreams(), meters, reachable::get, Duration.ofMillis(1), 1000);
        reachable.set(false);
        try (Producer p = fresh.producer("idle")) {
            send(p, "a");
            assertEquals(-1, meters.gauge(BACKLOG, "idle"), "never read while unreachable");
            reachable.set(true);
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (meters.gauge(BACKLOG, "idle") != 1 && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            assertEquals(1, meters.gauge(BACKLOG, "idle"));
        } finally {
            fresh.close();
        }
    }

    @Test
    void useListsOpenProducersAndConsumersPerStream() {
        Producer p = streams.producer("a");
        Consumer c = streams.consumer("b");
        assertEquals(List.of(new StreamUse("a", 1, 0), new StreamUse("b", 0, 1)), streams.use());
        p.close();
        c.close();
        assertEquals(List.of(false, false), streams.use().stream().map(StreamUse::inUse).toList());
    }

    @Test
    void aRefusedSendLeavesNothingInFlight() {
        try (Producer p = streams.producer("orders")) {
            assertThrows(IllegalArgumentException.class, () -> p.send(Message.of(new byte[2 << 20])));
        }
        assertEquals(0, meters.gauge(SENDS_IN_FLIGHT, "orders"));
        assertEquals(0, meters.count(SENT, "orders"));
    }

    private static void send(Producer p, String... texts) throws Exception {
        CompletableFuture<?>[] all = new CompletableFuture<?>[texts.length];
        for (int i = 0; i < texts.length; i++) {
            all[i] = p.send(Message.ofText(texts[i])).toCompletableFuture();
        }
        CompletableFuture.allOf(all).get(5, TimeUnit.SECONDS);
    }
}
