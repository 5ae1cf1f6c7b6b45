package io.tributary.stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The message-stream contract, as every implementation must honour it. Subclasses say how to create
 * the {@link Streams} under test; each test uses fresh stream names, so one broker may serve them all.
 */
public abstract class StreamsConformance extends StreamsFixture {

    /** Short delays so retries happen within a test; long enough to order "later" after "now". */
    protected static final RedeliveryPolicy FAST_RETRY =
            new RedeliveryPolicy(3, Duration.ofMillis(20), 2.0, Duration.ofMillis(100));
    protected static final Duration DEADLINE = Duration.ofSeconds(20);

    protected String stream;

    @BeforeEach
    void name() {
        stream = "conf-" + UUID.randomUUID();
    }

    protected ConsumerOptions options() {
        return ConsumerOptions.DEFAULTS.withBatchSize(10).withReceiveWait(Duration.ofMillis(200))
                .withRedelivery(FAST_RETRY);
    }

    protected Consumer consumer() {
        return streams.consumer(stream, options());
    }

    protected static void await(Producer p, Message m) throws Exception {
        p.send(m).toCompletableFuture().get(DEADLINE.toSeconds(), TimeUnit.SECONDS);
    }

    /** Receives until {@code n} messages arrived (settling each batch with {@code ack}), or fails at the deadline. */
    protected static List<Message> receiveAcking(Consumer c, int n) throws InterruptedException {
        List<Message> got = new ArrayList<>();
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (got.size() < n) {
            if (System.nanoTime() > deadline) {
                fail("received " + got.size() + " of " + n + " messages before the deadline: " + got);
            }
            List<Message> batch = c.receive(n - got.size(), Duration.ofMillis(200));
            batch.forEach(c::ack);
            got.addAll(batch);
        }
        return got;
    }

    /** Receives until at least one message arrived, without settling; fails at the deadline. */
    protected static List<Message> receiveSome(Consumer c, int max) throws InterruptedException {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (System.nanoTime() < deadline) {
            List<Message> batch = c.receive(max, Duration.ofMillis(200));
            if (!batch.isEmpty()) {
                return batch;
            }
        }
        return fail("nothing received before the deadline");
    }

    protected static void eventually(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("not true before the deadline: " + what);
            }
            Thread.sleep(10);
        }
    }

    private static List<String> texts(List<Message> ms) {
        return ms.stream().map(Message::text).toList();
    }

    private static List<Message> numbered(int n) {
        List<Message> ms = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            ms.add(Message.ofText("m" + i));
        }
        return ms;
    }

    @Test
    void roundTripKeepsEveryField() throws Exception {
        Instant ts = Instant.now().truncatedTo(ChronoUnit.MILLIS).minusSeconds(5);
        Message sent = Message.builder().value(new byte[] {0, 1, 2, (byte) 0xff}).key("order-7").timestamp(ts)
                .tag("region", "eu").tag("trace_id", "abc").build();
        try (Producer p = streams.producer(stream); Consumer c = consumer()) {
            await(p, sent);
            Message got = receiveAcking(c, 1).get(0);
            assertArrayEquals(sent.value(), got.value());
            assertEquals("order-7", got.key());
            assertEquals(ts, got.timestamp());
            assertEquals("eu", got.tag("region"));
            assertEquals("abc", got.tag("trace_id"));
            assertEquals(sent.id(), got.id());
            assertEquals(stream, got.producerTopic());
            assertEquals(stream, got.consumerTopic());
            assertEquals(1, got.deliveryAttempt());
        }
    }

    @Test
    void priorityAndTimeToLiveTravelWithTheMessage() throws Exception {
        Message sent = Message.builder().text("urgent").priority(7).timeToLive(Duration.ofHours(1)).build();
        try (Producer p = streams.producer(stream); Consumer c = consumer()) {
            await(p, sent);
            Message got = receiveAcking(c, 1).get(0);
            assertEquals(7, got.priority());
            assertEquals(Duration.ofHours(1), got.timeToLive());
            assertEquals(Duration.ZERO, got.deliveryDelay(), "a received message reports no delay");
            assertEquals(Message.DEFAULT_PRIORITY, Message.ofText("plain").priority());
        }
    }

    @Test
    void delayedMessageIsDeliveredNoEarlierThanItsDelay() throws Exception {
        Duration delay = Duration.ofMillis(400);
        try (Producer p = streams.producer(stream); Consumer c = consumer()) {
            long start = System.nanoTime();
            await(p, Message.builder().text("later").deliveryDelay(delay).build());
            await(p, Message.ofText("now"));
            assertEquals(List.of("now"), texts(receiveAcking(c, 1)), "the undelayed message comes first");
            assertEquals(List.of("later"), texts(receiveAcking(c, 1)));
            long waited = System.nanoTime() - start;
            assertTrue(waited >= delay.minusMillis(5).toNanos(), "delivered after " + waited / 1_000_000 + " ms");
        }
    }

    @Test
    void expiredMessageIsNeverDelivered() throws Exception {
        Message expired = Message.builder().text("stale").timestamp(Instant.now().minusSeconds(10))
                .timeToLive(Duration.ofSeconds(1)).build();
        assertTrue(expired.isExpired(Instant.now()));
        try (Producer p = streams.producer(stream); Consumer c = consumer()) {
            await(p, expired);
            await(p, Message.builder().text("fresh").timeToLive(Duration.ofMinutes(5)).build());
            assertEquals(List.of("fresh"), texts(receiveAcking(c, 1)));
            assertTrue(c.receive(10, Duration.ofMillis(300)).isEmpty(), "the expired message was delivered");
        }
    }

    @Test
    void deliveryInstructionsOutOfRangeAreRefused() {
        Message.Builder b = Message.builder();
        assertTrue(assertThrows(IllegalArgumentException.class, () -> b.priority(10)).getMessage().contains("10"));
        assertThrows(IllegalArgumentException.class, () -> b.priority(-1));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> b.timeToLive(Duration.ofSeconds(-1)))
                .getMessage().contains("PT-1S"));
        assertThrows(IllegalArgumentException.class, () -> b.deliveryDelay(Duration.ofDays(366)));
        assertThrows(IllegalArgumentException.class, () -> b.deliveryDelay(null));
    }

    @Test
    void messagesWithoutKeyOrTagsRoundTrip() throws Exception {
        try (Producer p = streams.producer(stream); Consumer c = consumer()) {
            await(p, Message.of(new byte[0]));
            Message got = receiveAcking(c, 1).get(0);
            assertEquals(0, got.size());
            assertNull(got.key());
            Set<String> tags = new HashSet<>(got.tags().keySet());
            tags.removeAll(Set.of(Message.TRACEPARENT_TAG, Message.TRACESTATE_TAG));
            assertTrue(tags.isEmpty(), "tags other than a tracer's trace context: " + tags);
        }
    }

    @Test
    void oneConsumerReceivesInSendOrder() throws Exception {
        try (Producer p = streams.producer(stream); Consumer c = consumer()) {
            List<Message> sent = numbered(45);
            for (Message m : sent) {
                p.send(m);
            }
            p.flush(DEADLINE);
            assertEquals(texts(sent), texts(receiveAcking(c, 45)));
        }
    }

    @Test
    void sendAllIsRoutedInOrder() throws Exception {
        try (Producer p = streams.producer(stream); Consumer c = consumer()) {
            List<Message> sent = numbered(5);
            p.sendAll(sent).toCompletableFuture().get(DEADLINE.toSeconds(), TimeUnit.SECONDS);
            assertEquals(texts(sent), texts(receiveAcking(c, 5)));
        }
    }

    @Test
    void aResentMessageIsRoutedOnce() throws Exception {
        Message m = Message.ofText("once");
        try (Producer p = streams.producer(stream); Consumer c = consumer()) {
            await(p, m);
            await(p, m);
            await(p, Message.ofText("after"));
            assertEquals(List.of("once", "after"), texts(receiveAcking(c, 2)));
            assertTrue(c.receive(10, Duration.ofMillis(300)).isEmpty(), "a duplicate was delivered");
        }
    }

    @Test
    void ackedBatchIsNeverRedelivered() throws Exception {
        try (Producer p = streams.producer(stream)) {
            for (Message m : numbered(10)) {
                p.send(m);
            }
            p.flush(DEADLINE);
        }
        try (Consumer c = consumer()) {
            assertEquals(10, receiveAcking(c, 10).size());
        }
        try (Consumer c = consumer()) {
            assertTrue(c.receive(10, Duration.ofMillis(300)).isEmpty(), "acked messages came back");
            eventually("backlog 0", () -> c.backlog() == 0);
        }
    }

    @Test
    void closeMidBatchReturnsTheUnsettledAndNoAckedOne() throws Exception {
        try (Producer p = streams.producer(stream)) {
            for (Message m : numbered(6)) {
                p.send(m);
            }
            p.flush(DEADLINE);
        }
        Consumer first = consumer();
        List<Message> got = new ArrayList<>();
        while (got.size() < 6) {
            got.addAll(receiveSome(first, 6 - got.size()));
            if (got.size() < 6) {
                got.forEach(m -> first.ack(m));
                fail("the six messages were not in one batch: " + got.size());
            }
        }
        first.ack(got.get(0));
        first.ack(got.get(2));
        first.nack(got.get(4), "failed once");
        first.close();
        try (Consumer second = consumer()) {
            List<Message> again = receiveAcking(second, 3);
            List<String> redelivered = new ArrayList<>(texts(again));
            Collections.sort(redelivered);
            assertTrue(redelivered.containsAll(List.of("m1", "m3", "m5")), "redelivered " + redelivered);
            for (Message m : again) {
                assertTrue(m.deliveryAttempt() >= 2, m + " should count a second attempt");
            }
            assertEquals("m4", receiveAcking(second, 1).get(0).text(), "the nacked message is retried");
            assertTrue(second.receive(10, Duration.ofMillis(300)).isEmpty(), "an acked message came back");
        }
    }

    @Test
    void receivingBeforeSettlingIsRefused() throws Exception {
        try (Producer p = streams.producer(stream); Consumer c = consumer()) {
            await(p, Message.ofText("a"));
            List<Message> batch = receiveSome(c, 10);
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> c.receive(10, Duration.ZERO));
            assertTrue(e.getMessage().contains("not settled"), e.getMessage());
            batch.forEach(c::ack);
        }
    }

    @Test
    void settlingTwiceOrSomethingForeignIsRefused() throws Exception {
        try (Producer p = streams.producer(stream); Consumer c = consumer()) {
            await(p, Message.ofText("a"));
            await(p, Message.ofText("b"));
            List<Message> batch = receiveSome(c, 2);
            Message m = batch.get(0);
            assertThrows(IllegalArgumentException.class, () -> c.ack(Message.ofText("foreign")));
            assertThrows(IllegalArgumentException.class, () -> c.nack(m, " "));
            c.ack(m);
            if (batch.size() == 2) {
                assertThrows(IllegalStateException.class, () -> c.ack(m), "acked twice in an open batch");
                c.ack(batch.get(1));
            }
            assertThrows(IllegalArgumentException.class, () -> c.nack(m, "late"), "its batch is committed");
            receiveAcking(c, 2 - batch.size());
        }
    }

    @Test
    void nackedMessageIsRetriedLaterWithItsAttemptCounted() throws Exception {
        ConsumerOptions slowRetry = options().withRedelivery(
                new RedeliveryPolicy(3, Duration.ofSeconds(1), 2.0, Duration.ofSeconds(1)));
        try (Producer p = streams.producer(stream); Consumer c = streams.consumer(stream, slowRetry)) {
            for (Message m : numbered(3)) {
                p.send(m);
            }
            p.flush(DEADLINE);
            List<Message> batch = new ArrayList<>(receiveSome(c, 3));
            while (batch.size() < 3) {
                batch.forEach(c::ack);
                fail("expected one batch of 3, got " + batch.size());
            }
            Message failed = batch.get(0);
            c.nack(failed, "try later");
            c.ack(batch.get(1));
            c.ack(batch.get(2));
            await(p, Message.ofText("newer"));
            List<Message> next = receiveAcking(c, 2);
            assertEquals(List.of("newer", "m0"), texts(next), "the retry waits for its delay, behind newer messages");
            assertEquals(failed.id(), next.get(1).id());
            assertEquals(2, next.get(1).deliveryAttempt());
        }
    }

    @Test
    void pastTheMaximumANackedMessageIsDeadLettered() throws Exception {
        Message poison = Message.builder().text("poison").key("k1").tag("origin_app", "shop").build();
        try (Producer p = streams.producer(stream); Consumer c = consumer()) {
            await(p, poison);
            await(p, Message.ofText("fine"));
            List<String> seen = new ArrayList<>();
            for (int attempt = 1; attempt <= FAST_RETRY.maxAttempts(); attempt++) {
                boolean nacked = false;
                while (!nacked) {
                    for (Message m : receiveSome(c, 10)) {
                        seen.add(m.text() + "@" + m.deliveryAttempt());
                        if (m.text().equals("poison")) {
                            assertEquals(attempt, m.deliveryAttempt());
                            c.nack(m, "boom " + attempt);
                            nacked = true;
                        } else {
                            c.ack(m);
                        }
                    }
                }
            }
            assertEquals(List.of("poison@1", "fine@1", "poison@2", "poison@3"), seen);
            assertTrue(c.receive(10, Duration.ofMillis(300)).isEmpty(), "dead letter still in the stream");
            eventually("stream drained", () -> c.backlog() == 0);
        }
        try (Consumer dlq = streams.consumer(streams.deadLetterStream(stream), options())) {
            Message dead = receiveAcking(dlq, 1).get(0);
            assertEquals(poison.id(), dead.id());
            assertEquals("poison", dead.text());
            assertEquals("k1", dead.key());
            assertEquals("shop", dead.tag("origin_app"));
            assertEquals("boom 3", dead.tag(Consumer.REASON_TAG));
            assertEquals(stream, dead.tag(Consumer.ORIGIN_TAG));
        }
    }

    @Test
    void backlogCountsWhatIsWaiting() throws Exception {
        assertEquals(0, streams.backlog(stream + "-never-used"));
        try (Producer p = streams.producer(stream); Consumer c = consumer()) {
            assertEquals(0, c.backlog());
            for (Message m : numbered(7)) {
                p.send(m);
            }
            p.flush(DEADLINE);
            eventually("backlog 7", () -> c.backlog() == 7);
            assertEquals(7, streams.backlog(stream));
            receiveAcking(c, 7);
            eventually("backlog 0", () -> c.backlog() == 0);
        }
    }

    @Test
    void messagesOfOneKeyKeepTheirOrderAcrossConsumers() throws Exception {
        int perKey = 30;
        List<String> keys = List.of("a", "b", "c", "d");
        try (Producer p = streams.producer(stream)) {
            for (int i = 0; i < perKey; i++) {
                for (String k : keys) {
                    p.send(Message.builder().key(k).text(k + ":" + i).build());
                }
            }
            p.flush(DEADLINE);
        }
        List<String> order = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger received = new AtomicInteger();
        int total = perKey * keys.size();
        List<Thread> threads = new ArrayList<>();
        List<Throwable> errors = Collections.synchronizedList(new ArrayList<>());
        for (int t = 0; t < 2; t++) {
            Thread th = new Thread(() -> {
                try (Consumer c = streams.consumer(stream, options().withBatchSize(5))) {
                    long deadline = System.nanoTime() + DEADLINE.toNanos();
                    while (received.get() < total && System.nanoTime() < deadline) {
                        for (Message m : c.receive(5, Duration.ofMillis(100))) {
                            order.add(m.text());
                            received.incrementAndGet();
                            c.ack(m);
                        }
                    }
                } catch (Throwable e) {
                    errors.add(e);
                }
            });
            threads.add(th);
            th.start();
        }
        for (Thread th : threads) {
            th.join(DEADLINE.toMillis() * 2);
        }
        assertTrue(errors.isEmpty(), "errors: " + errors);
        assertEquals(total, order.size(), "received " + order.size());
        Map<String, Integer> last = new HashMap<>();
        for (String s : order) {
            String[] kv = s.split(":");
            int n = Integer.parseInt(kv[1]);
            int previous = last.getOrDefault(kv[0], -1);
            assertEquals(previous + 1, n, "key " + kv[0] + " out of order in " + order);
            last.put(kv[0], n);
        }
    }

    @Test
    void storeAddsListsDeletesAndFlushes() {
        try (Store store = streams.store(stream)) {
            Message a = Message.ofText("a");
            Message b = Message.builder().text("b").key("kb").tag("t", "v").build();
            Message c = Message.ofText("c");
            store.add(a);
            store.add(b);
            store.add(c);
            List<Message> listed = store.list();
            assertEquals(List.of("a", "b", "c"), texts(listed));
            assertEquals("kb", listed.get(1).key());
            assertEquals("v", listed.get(1).tag("t"));
            assertTrue(store.delete(b));
            assertTrue(!store.delete(b), "deleted twice");
            assertEquals(List.of("a", "c"), texts(store.list()));
            assertEquals(2, store.flush());
            assertTrue(store.list().isEmpty());
        }
    }

    @Test
    void storeHoldsOneEntryPerIdTheLastAdded() {
        try (Store store = streams.store(stream)) {
            Message a = Message.ofText("a");
            Message again = a.toBuilder().text("a again").build();
            store.add(a);
            store.add(Message.ofText("b"));
            store.add(again);
            assertEquals(List.of("b", "a again"), texts(store.list()), "the second add replaced the first, at the end");
            assertTrue(store.delete(a));
            assertEquals(List.of("b"), texts(store.list()));
        }
    }

    @Test
    void storeTakesAnIdAgainAfterItWasDeletedOrFlushed() {
        try (Store store = streams.store(stream)) {
            Message a = Message.ofText("a");
            store.add(a);
            assertTrue(store.delete(a));
            store.add(a);
            assertEquals(List.of("a"), texts(store.list()), "re-added after a delete");
            assertEquals(1, store.flush());
            store.add(a);
            assertEquals(List.of("a"), texts(store.list()), "re-added after a flush");
        }
    }

    @Test
    void badInputIsRefusedWithItsValueNamed() throws Exception {
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class, () -> streams.producer("a/b"));
        assertTrue(bad.getMessage().contains("'a/b'"), bad.getMessage());
        assertThrows(IllegalArgumentException.class, () -> streams.consumer("..", options()));
        try (Producer p = streams.producer(stream, ProducerOptions.DEFAULTS.withMaxMessageBytes(8));
             Consumer c = consumer()) {
            IllegalArgumentException big = assertThrows(IllegalArgumentException.class,
                    () -> p.send(Message.of(new byte[9])));
            assertTrue(big.getMessage().contains("9 bytes") && big.getMessage().contains("8"), big.getMessage());
            assertThrows(NullPointerException.class, () -> p.send(null));
            IllegalArgumentException zero = assertThrows(IllegalArgumentException.class,
                    () -> c.receive(0, Duration.ZERO));
            assertTrue(zero.getMessage().contains("max 0"), zero.getMessage());
            assertThrows(IllegalArgumentException.class, () -> c.receive(ConsumerOptions.MAX_BATCH_SIZE + 1,
                    Duration.ZERO));
            assertThrows(IllegalArgumentException.class, () -> c.receive(1, Duration.ofMillis(-1)));
            await(p, Message.ofText("ok"));
            assertEquals("ok", receiveAcking(c, 1).get(0).text(), "bad input must not disturb what was accepted");
        }
    }

    @Test
    void closedProducersAndConsumersSaySo() throws Exception {
        Producer p = streams.producer(stream);
        p.close();
        p.close();
        assertThrows(StreamClosedException.class, () -> p.send(Message.ofText("late")));
        Consumer c = consumer();
        c.close();
        c.close();
        assertThrows(StreamClosedException.class, () -> c.receive(1, Duration.ZERO));
    }

    @Test
    void manyProducersLoseNothing() throws Exception {
        int threads = 4;
        int each = 250;
        List<Thread> ts = new ArrayList<>();
        List<Throwable> errors = Collections.synchronizedList(new ArrayList<>());
        try (Producer p = streams.producer(stream)) {
            for (int t = 0; t < threads; t++) {
                int id = t;
                Thread th = new Thread(() -> {
                    try {
                        for (int i = 0; i < each; i++) {
                            p.send(Message.ofText(id + "-" + i));
                        }
                    } catch (Throwable e) {
                        errors.add(e);
                    }
                });
                ts.add(th);
                th.start();
            }
            for (Thread th : ts) {
                th.join();
            }
            p.flush(DEADLINE);
        }
        assertTrue(errors.isEmpty(), "errors: " + errors);
        try (Consumer c = streams.consumer(stream, options().withBatchSize(100))) {
            List<String> got = texts(receiveAcking(c, threads * each));
            assertEquals(threads * each, new java.util.HashSet<>(got).size(), "duplicates received");
        }
    }

    @Test
    void adaptiveBatchingGrowsBatchesFromABacklog() throws Exception {
        int backlog = 1000;
        int maxBatch = 500;
        try (Producer p = streams.producer(stream)) {
            List<Message> all = numbered(backlog);
            for (int i = 0; i < backlog; i += 100) {
                p.sendAll(all.subList(i, i + 100)).toCompletableFuture().get(DEADLINE.toSeconds(), TimeUnit.SECONDS);
            }
        }
        ConsumerOptions adaptive = options().withReceiveWait(DEADLINE).withAdaptiveBatching(maxBatch, DEADLINE);
        List<String> got = new ArrayList<>();
        try (Consumer c = streams.consumer(stream, adaptive)) {
            List<Message> first = c.receive();
            assertEquals(maxBatch, first.size(),
                    "with " + backlog + " waiting, an adaptive batch grows to maxBatch (default batch size is "
                            + ConsumerOptions.DEFAULTS.batchSize() + ")");
            assertThrows(IllegalStateException.class, c::receive, "the batch must be settled first, as ever");
            first.forEach(c::ack);
            got.addAll(texts(first));
            List<Message> second = c.receive();
            assertEquals(maxBatch, second.size());
            second.forEach(c::ack);
            got.addAll(texts(second));
        }
        assertEquals(texts(numbered(backlog)), got, "in send order, each once");
        try (Consumer c = consumer()) {
            assertTrue(c.receive(1, Duration.ofMillis(50)).isEmpty(), "acked adaptive batches are not redelivered");
        }
    }

    @Test
    void adaptiveBatchingHandsOutALoneMessageWithinTheLinger() throws Exception {
        Duration linger = Duration.ofMillis(200);
        Duration receiveWait = Duration.ofSeconds(60);
        try (Producer p = streams.producer(stream);
             Consumer c = streams.consumer(stream, options().withReceiveWait(receiveWait)
                     .withAdaptiveBatching(500, linger))) {
            await(p, Message.ofText("alone"));
            long t0 = System.nanoTime();
            List<Message> batch = c.receive();
            Duration took = Duration.ofNanos(System.nanoTime() - t0);
            assertEquals(List.of("alone"), texts(batch));
            Duration deadline = linger.plus(Duration.ofSeconds(10));
            assertTrue(took.compareTo(deadline) < 0, "a lone message must be handed out within the linger (plus"
                    + " slack " + deadline + "), not after waiting for the batch to fill; took " + took);
            batch.forEach(c::ack);
        }
    }

    @Test
    void adaptiveBatchingCollectsWhatArrivesWithinTheLinger() throws Exception {
        try (Producer p = streams.producer(stream);
             Consumer c = streams.consumer(stream, options().withAdaptiveBatching(2, DEADLINE))) {
            await(p, Message.ofText("first"));
            CompletableFuture<List<Message>> receiving = CompletableFuture.supplyAsync(() -> {
                try {
                    return c.receive();
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            });
            await(p, Message.ofText("later"));
            List<Message> batch = receiving.get(DEADLINE.toSeconds() * 2, TimeUnit.SECONDS);
            assertEquals(List.of("first", "later"), texts(batch), "a message arriving within the linger joins the batch");
            batch.forEach(c::ack);
        }
    }

    @Test
    void adaptiveBatchesKeepTheSettlementRules() throws Exception {
        try (Producer p = streams.producer(stream)) {
            p.sendAll(numbered(30)).toCompletableFuture().get(DEADLINE.toSeconds(), TimeUnit.SECONDS);
        }
        ConsumerOptions adaptive = options().withAdaptiveBatching(20, DEADLINE);
        try (Consumer c = streams.consumer(stream, adaptive)) {
            List<Message> batch = c.receive();
            assertEquals(20, batch.size());
            batch.subList(0, 19).forEach(c::ack);
            c.nack(batch.get(19), "fails once");
        }
        List<Message> rest = new ArrayList<>();
        try (Consumer c = streams.consumer(stream, adaptive.withAdaptiveBatching(20, Duration.ofMillis(200)))) {
            rest.addAll(receiveAcking(c, 11));
        }
        List<String> texts = texts(rest);
        assertEquals(11, texts.size(), "the ten not taken plus the nacked one: " + texts);
        assertTrue(texts.contains("m19"), "the nacked message is retried: " + texts);
        assertEquals(2, rest.get(texts.indexOf("m19")).deliveryAttempt());
        for (int i = 0; i < 19; i++) {
            assertTrue(!texts.contains("m" + i), "acked m" + i + " came back: " + texts);
        }
    }

    @Test
    void adaptiveBatchingRefusesBadValuesNamingThem() {
        ConsumerOptions o = ConsumerOptions.DEFAULTS;
        IllegalArgumentException zero = assertThrows(IllegalArgumentException.class,
                () -> o.withAdaptiveBatching(0, Duration.ofMillis(5)));
        assertTrue(zero.getMessage().contains("maxBatch 0") && zero.getMessage().contains("1 to 10000"),
                zero.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> o.withAdaptiveBatching(ConsumerOptions.MAX_BATCH_SIZE + 1, Duration.ofMillis(5)));
        for (Duration bad : new Duration[] {Duration.ZERO, Duration.ofMillis(-1), Duration.ofMinutes(2), null}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> o.withAdaptiveBatching(100, bad));
            assertTrue(e.getMessage().contains("linger " + bad) && e.getMessage().contains(ConsumerOptions.MAX_LINGER
                    .toString()), e.getMessage());
        }
        assertTrue(o.withAdaptiveBatching(100, Duration.ofMillis(5)).adaptiveBatching());
        assertTrue(!o.withAdaptiveBatching(100, Duration.ofMillis(5)).withFixedBatching(100).adaptiveBatching());
    }

    /** The UTF-8 bytes of {@code s}. */
    protected static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
