package io.tributary.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tributary.stream.ConsumerOptions;
import io.tributary.stream.Producer;
import io.tributary.stream.RedeliveryPolicy;
import io.tributary.stream.memory.MemoryStreams;
import io.tributary.supervision.LoopHealth;
import io.tributary.supervision.Loops;
import io.tributary.testing.Deadlines;
import io.tributary.testing.FailingReceives;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class InboundBatchesTest {

    private final MemoryStreams streams = new MemoryStreams();

    @AfterEach
    void close() {
        streams.close();
    }

    private InboundBatches inbound(int attempts) {
        ConsumerOptions options = streams.defaultConsumerOptions().withBatchSize(2)
                .withRedelivery(new RedeliveryPolicy(attempts, Duration.ZERO, 1.0, Duration.ZERO));
        return new InboundBatches("orders-in", streams.consumer("orders", options), 2, 1);
    }

    private void sendAll(String... keyAndText) throws Exception {
        try (Producer p = streams.producer("orders")) {
            for (String kt : keyAndText) {
                String[] parts = kt.split(":");
                p.send(io.tributary.stream.Message.builder().key(parts[0]).text(kt).build());
            }
            p.flush(Duration.ofSeconds(10));
        }
    }

    private static void awaitWaiting(Thread t) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (t.getState() != Thread.State.WAITING && t.getState() != Thread.State.TIMED_WAITING) {
            assertTrue(System.nanoTime() < deadline, "thread never waited: " + t.getState());
            java.util.concurrent.locks.LockSupport.parkNanos(1_000_000L);
        }
    }

    @Test
    void handsOutAtMostConcurrencyMessagesAndOneKeyAtATime() throws Exception {
        sendAll("a:1", "a:2", "b:1", "c:1");
        InboundBatches in = new InboundBatches("orders-in", streams.consumer("orders"), 4, 2);
        Message<Object> a1 = in.next();
        Message<Object> b1 = in.next();
        assertEquals(List.of("a:1", "b:1"), List.of(a1.getPayload(), b1.getPayload()), "a:2 waits for a:1");
        CompletableFuture<Message<Object>> third = new CompletableFuture<>();
        Thread t = new Thread(() -> third.complete(in.next()));
        t.start();
        awaitWaiting(t);
        assertFalse(third.isDone(), "a third message was handed out while two were unsettled");
        b1.ack().toCompletableFuture().get(10, TimeUnit.SECONDS);
        Message<Object> c1 = third.get(10, TimeUnit.SECONDS);
        assertEquals("c:1", c1.getPayload(), "a:2 still waits for a:1");
        CompletableFuture<Message<Object>> fourth = new CompletableFuture<>();
        Thread t4 = new Thread(() -> fourth.complete(in.next()));
        t4.start();
        awaitWaiting(t4);
        assertFalse(fourth.isDone());
        a1.ack().toCompletableFuture().get(10, TimeUnit.SECONDS);
        Message<Object> a2 = fourth.get(10, TimeUnit.SECONDS);
        assertEquals("a:2", a2.getPayload());
        assertTrue(c1.ack().toCompletableFuture().thenCompose(v -> a2.ack()).toCompletableFuture()
                .handle((v, e) -> e == null).get(10, TimeUnit.SECONDS));
        assertTrue(a2.ack().toCompletableFuture().isCompletedExceptionally(), "a second ack must fail");
        in.close();
        assertEquals(0, streams.backlog("orders"));
    }

    @Test
    void neverPullsMoreThanOneBatchAheadOfTheApplication() throws Exception {
        String[] many = new String[30];
        for (int i = 0; i < many.length; i++) {
            many[i] = "k" + (i % 4) + ":" + i;
        }
        sendAll(many);
        CountingConsumer counting = new CountingConsumer(streams.consumer("orders"));
        InboundBatches in = new InboundBatches("orders-in", counting, 5, 3);
        ExecutorService workers = Executors.newFixedThreadPool(4);
        AtomicInteger processing = new AtomicInteger();
        AtomicInteger maxProcessing = new AtomicInteger();
        List<CompletableFuture<Void>> acks = new ArrayList<>();
        try {
            for (int i = 0; i < many.length; i++) {
                Message<Object> m = in.next();
                maxProcessing.accumulateAndGet(processing.incrementAndGet(), Math::max);
                acks.add(CompletableFuture.runAsync(() -> {
                    processing.decrementAndGet();
                    m.ack();
                }, workers));
            }
            CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);
        } finally {
            workers.shutdown();
        }
        in.close();
        assertEquals(30, counting.received.get());
        assertTrue(counting.maxAhead.get() <= 5, "pulled ahead: " + counting.maxAhead.get());
        assertTrue(maxProcessing.get() <= 3, "processed at once: " + maxProcessing.get());
        assertEquals(0, streams.backlog("orders"));
    }

    @Test
    void outgoingMetadataArrivesAsIncomingMetadata() throws Exception {
        OutgoingMetadata meta = OutgoingMetadata.builder().key("k9").tag("region", "eu").priority(8)
                .timeToLive(Duration.ofHours(1)).deliveryDelay(Duration.ofMillis(30)).build();
        try (Producer p = streams.producer("orders")) {
            TributaryConnector.send(p, TributaryMessage.of("hi", meta)).toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
        InboundBatches in = inbound(3);
        Message<Object> got = in.next();
        IncomingMetadata incoming = got.unwrap(IncomingMetadata.class);
        assertEquals("k9", incoming.key());
        assertEquals("eu", incoming.tags().get("region"));
        assertEquals(8, incoming.priority());
        assertEquals(1, incoming.deliveryAttempt());
        assertEquals(incoming.timestamp().plus(Duration.ofHours(1)), incoming.expiration());
        assertEquals("orders", incoming.stream());
        got.ack().toCompletableFuture().get(10, TimeUnit.SECONDS);
        in.close();
    }

    @Test
    void badOutgoingMetadataIsRefusedWhereItIsBuilt() {
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> OutgoingMetadata.builder().priority(12).build());
        assertTrue(e.getMessage().contains("priority 12"), e.getMessage());
    }

    private void send(io.tributary.stream.Message m) throws Exception {
        try (Producer p = streams.producer("orders")) {
            p.send(m).toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void outgoingKeyTagsAndTextSurviveTheRoundTrip() throws Exception {
        Message<String> out = TributaryMessage.of("hello", "k1", Map.of("region", "eu"));
        try (Producer p = streams.producer("orders")) {
            TributaryConnector.send(p, out).toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
        InboundBatches in = inbound(3);
        TributaryMessage<?> got = assertInstanceOf(TributaryMessage.class, in.next());
        assertEquals("hello", got.getPayload());
        assertEquals("k1", got.key());
        assertEquals("eu", got.tags().get("region"));
        got.ack().toCompletableFuture().get(10, TimeUnit.SECONDS);
        in.close();
        assertEquals(0, streams.backlog("orders"));
    }

    @Test
    void nackRedeliversThenDeadLettersPastMaxAttempts() throws Exception {
        send(io.tributary.stream.Message.ofText("poison"));
        InboundBatches in = inbound(2);
        in.next().nack(new IllegalStateException("bad order")).toCompletableFuture().get(10, TimeUnit.SECONDS);
        Message<Object> again = in.next();
        assertEquals("poison", again.getPayload());
        again.nack(new IllegalStateException("bad order")).toCompletableFuture().get(10, TimeUnit.SECONDS);
        in.close();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (streams.backlog(streams.deadLetterStream("orders")) == 0 && System.nanoTime() < deadline) {
            java.util.concurrent.locks.LockSupport.parkNanos(10_000_000L);
        }
        assertEquals(1, streams.backlog(streams.deadLetterStream("orders")));
        assertEquals(0, streams.backlog("orders"));
    }

    @Test
    void aFailedReceiveNeverEndsTheChannelItRecoversAndReadinessShowsIt() throws Exception {
        send(io.tributary.stream.Message.ofText("after the outage"));
        FailingReceives failing = new FailingReceives(streams.consumer("orders"));
        failing.failNext(3);
        InboundBatches in = new InboundBatches("flaky-in", failing, 2, 1);
        try {
            assertTrue(Loops.live().contains(in.health()), "the channel is listed for readiness");
            Message<Object> got = in.next();
            assertEquals("after the outage", got.getPayload());
            assertEquals(3, failing.failed(), "every injected failure was met and survived");
            assertEquals(LoopHealth.State.RUNNING, in.health().state(), in.health().describe());
            got.ack().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } finally {
            in.close();
        }
        assertFalse(Loops.live().contains(in.health()), "a closed channel is no longer listed");
        assertEquals(0, streams.backlog("orders"));
    }

    @Test
    void whileReceivesFailTheChannelIsRecoveringInReadiness() throws Exception {
        FailingReceives failing = new FailingReceives(streams.consumer("orders"));
        failing.failNext(Integer.MAX_VALUE);
        InboundBatches in = new InboundBatches("down-in", failing, 2, 1);
        CompletableFuture<Object> next = CompletableFuture.supplyAsync(in::next);
        try {
            Deadlines.await(() -> in.health().state() == LoopHealth.State.RECOVERING, Duration.ofSeconds(10),
                    "the channel shows it is recovering");
            assertTrue(in.health().describe().contains("injected connection loss"), in.health().describe());
            assertFalse(next.isDone(), "next() neither failed nor returned while receives fail");
        } finally {
            in.stop();
            assertTrue(next.handle((v, e) -> e).get(10, TimeUnit.SECONDS) != null, "a stopped next() ends");
            in.close();
        }
    }

    @Test
    void aNackWithABlankReasonSettlesWithTheClassNameAndTheChannelKeepsFlowing() throws Exception {
        send(io.tributary.stream.Message.ofText("first"));
        send(io.tributary.stream.Message.ofText("second"));
        InboundBatches in = inbound(3);
        try {
            Message<Object> first = in.next();
            assertEquals("first", first.getPayload());
            first.nack(new RuntimeException("")).toCompletableFuture().get(10, TimeUnit.SECONDS);
            Message<Object> second = in.next();
            assertEquals("second", second.getPayload());
            second.ack().toCompletableFuture().get(10, TimeUnit.SECONDS);
            Message<Object> again = in.next();
            assertEquals("first", again.getPayload(), "the nacked message comes again");
            assertEquals(2, again.unwrap(IncomingMetadata.class).deliveryAttempt());
            again.ack().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } finally {
            in.close();
        }
        assertEquals(0, streams.backlog("orders"));
    }

    @Test
    void theNackReasonIsNeverBlank() {
        assertEquals("java.lang.RuntimeException", InboundBatches.reason(new RuntimeException("  ")));
        assertEquals("java.lang.IllegalStateException", InboundBatches.reason(new IllegalStateException()));
        assertEquals("bad order", InboundBatches.reason(new IllegalStateException("bad order")));
        assertFalse(InboundBatches.reason(null).isBlank());
    }

    @Test
    void rejectsPayloadsThatAreNeitherTextNorBytes() {
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> TributaryConnector.toTributary(Message.of(42)));
        assertTrue(e.getMessage().contains("java.lang.Integer"), e.getMessage());
    }

    @Test
    void aPausedChannelHandsOutNothingUntilResumedAndCountsWhatItSettles() throws Exception {
        sendAll("a:1", "b:2");
        InboundBatches in = inbound(1);
        in.pause();
        assertTrue(in.paused());
        CompletableFuture<Message<Object>> first = new CompletableFuture<>();
        Thread t = new Thread(() -> first.complete(in.next()));
        t.start();
        awaitWaiting(t);
        assertFalse(first.isDone(), "a paused channel hands out nothing");
        assertEquals(0, in.inFlight());
        in.resume();
        Message<Object> got = first.get(10, TimeUnit.SECONDS);
        assertEquals("a:1", got.getPayload());
        assertEquals(1, in.inFlight());
        got.ack().toCompletableFuture().get(10, TimeUnit.SECONDS);
        in.next().nack(new IllegalStateException("bad order")).toCompletableFuture().get(10, TimeUnit.SECONDS);
        assertEquals(1, in.acked());
        assertEquals(1, in.nacked());
        assertEquals(0, in.inFlight());
        assertEquals("orders-in", in.channel());
        assertEquals(LoopHealth.State.RUNNING, in.state());
        in.stop();
        in.close();
    }
}
