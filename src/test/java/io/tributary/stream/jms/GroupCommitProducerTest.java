package io.tributary.stream.jms;

import io.tributary.artemis.ArtemisConnections;
import io.tributary.artemis.EmbeddedArtemis;
import io.tributary.stream.Consumer;
import io.tributary.stream.ConsumerOptions;
import io.tributary.stream.GroupCommit;
import io.tributary.stream.Message;
import io.tributary.stream.Producer;
import io.tributary.stream.ProducerOptions;
import io.tributary.stream.StreamClosedException;
import io.tributary.stream.StreamException;
import io.tributary.stream.StreamTimeoutException;
import io.tributary.supervision.LoopHealth;
import io.tributary.supervision.Loops;
import io.tributary.testing.Deadlines;
import org.apache.activemq.artemis.api.core.ActiveMQException;
import org.apache.activemq.artemis.api.core.ActiveMQExceptionType;
import org.apache.activemq.artemis.core.postoffice.RoutingStatus;
import org.apache.activemq.artemis.core.server.ServerSession;
import org.apache.activemq.artemis.core.server.plugin.ActiveMQServerMessagePlugin;
import org.apache.activemq.artemis.core.transaction.Transaction;
import org.apache.activemq.artemis.core.transaction.TransactionOperationAbstract;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Group commit on a real (embedded) Artemis broker: sends gathered into transactions by size and by linger, each
 * stage completing at the commit, per-key order across many sending threads, a failed commit failing exactly the
 * sends of its transaction while the committer carries on, and the bounds of a full window and of close. A broker
 * plugin records which transaction routed each message, so the tests see the transactions the broker saw.
 */
class GroupCommitProducerTest {

    private static final Duration DEADLINE = Duration.ofSeconds(30);
    private static final String POISON = "poison";
    private static final String FAIL_COMMIT = "fail_commit";
    private static final String HOLD = "hold";
    /** Keys on committers 1 and 2 of 4 ({@code "a".hashCode()} is 97, {@code "b"} 98). */
    private static final String KEY_A = "a";
    private static final String KEY_B = "b";

    @TempDir
    Path data;

    private EmbeddedArtemis broker;
    private Transactions transactions;
    private JmsStreams streams;
    private String stream;

    @BeforeEach
    void start() {
        broker = new EmbeddedArtemis(data);
        broker.start();
        transactions = new Transactions();
        broker.server().registerBrokerPlugin(transactions);
        streams = new JmsStreams(ArtemisConnections.connectionFactory(broker.connectionUrl()), ProducerOptions.DEFAULTS,
                ConsumerOptions.DEFAULTS.withBatchSize(1000).withReceiveWait(Duration.ofMillis(200)), ".DLQ");
        stream = "gc-" + UUID.randomUUID();
    }

    @AfterEach
    void stop() {
        try {
            streams.close();
        } finally {
            broker.stop();
        }
    }

    @Test
    void fullTransactionsCommitWithoutWaitingForTheLinger() throws Exception {
        try (Producer p = producer(new GroupCommit(10, Duration.ofMinutes(1)))) {
            List<CompletionStage<Void>> sent = sendNumbered(p, "", 30);
            awaitAll(sent);
            assertEquals(List.of(10, 10, 10), transactions.sizes(), "three full transactions of 10");
        }
    }

    @Test
    void theLingerGathersSendsThatArriveAfterTheFirst() throws Exception {
        try (Producer p = producer(new GroupCommit(100, Duration.ofSeconds(3)))) {
            CompletionStage<Void> first = p.send(Message.ofText("first"));
            List<CompletionStage<Void>> later = sendNumbered(p, "later-", 4);
            awaitAll(later);
            first.toCompletableFuture().get(DEADLINE.toSeconds(), TimeUnit.SECONDS);
            assertEquals(List.of(5), transactions.sizes(), "one transaction holds the first send and the 4 after it");
        }
    }

    @Test
    void manyThreadsShareTransactionsAndKeepTheOrderOfEachKey() throws Exception {
        int threads = 8;
        int perThread = 200;
        try (Producer p = producer(new GroupCommit(500, Duration.ZERO))) {
            sendFromThreads(p, threads, perThread, (key, i) -> Message.builder().key(key).text(key + ":" + i).build());
        }
        assertEquals(threads * perThread, transactions.sizes().stream().mapToInt(Integer::intValue).sum());
        assertTrue(transactions.sizes().size() < threads * perThread,
                "sends in flight together shared transactions: " + transactions.sizes());
        assertInOrderPerPrefix(receive(threads * perThread));
    }

    /**
     * Sends {@code perThread} messages from each of {@code threads} threads, the i-th of thread t made by
     * {@code make.apply("k" + t, i)}, and waits until every stage completed.
     */
    private static void sendFromThreads(Producer p, int threads, int perThread, BiFunction<String, Integer, Message> make)
            throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<List<CompletionStage<Void>>>> senders = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                String prefix = "k" + t;
                senders.add(pool.submit(() -> {
                    List<CompletionStage<Void>> stages = new ArrayList<>();
                    for (int i = 0; i < perThread; i++) {
                        stages.add(p.send(make.apply(prefix, i)));
                    }
                    return stages;
                }));
            }
            for (Future<List<CompletionStage<Void>>> s : senders) {
                awaitAll(s.get(DEADLINE.toSeconds(), TimeUnit.SECONDS));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** Checks that messages {@code prefix:index} arrived with the indexes of each prefix in order from 0. */
    private static void assertInOrderPerPrefix(List<Message> received) {
        Map<String, Integer> next = new HashMap<>();
        for (Message m : received) {
            String[] prefixAndIndex = m.text().split(":");
            int expected = next.getOrDefault(prefixAndIndex[0], 0);
            assertEquals(expected, Integer.parseInt(prefixAndIndex[1]), "order of " + prefixAndIndex[0]);
            next.put(prefixAndIndex[0], expected + 1);
        }
    }

    @Test
    void aFailedCommitFailsExactlyTheSendsOfItsTransaction() throws Exception {
        try (Producer p = producer(new GroupCommit(5, Duration.ofSeconds(5)))) {
            List<CompletionStage<Void>> before = sendNumbered(p, "a", 5);
            List<CompletionStage<Void>> failing = sendNumbered(p, "b", 4);
            failing.add(p.send(Message.builder().text("b4").tag(FAIL_COMMIT, "yes").build()));
            List<CompletionStage<Void>> after = sendNumbered(p, "c", 5);
            awaitAll(before);
            assertAllFail(failing);
            awaitAll(after);
        }
        List<String> routed = receive(10).stream().map(Message::text).toList();
        assertEquals(List.of("a0", "a1", "a2", "a3", "a4", "c0", "c1", "c2", "c3", "c4"), routed);
    }

    @Test
    void aRefusedMessageFailsAndResendingWhatFailedRoutesEachMessageOnce() throws Exception {
        try (Producer p = producer(new GroupCommit(5, Duration.ofSeconds(5)))) {
            Map<Message, CompletionStage<Void>> sent = new LinkedHashMap<>();
            for (int i = 0; i < 4; i++) {
                Message m = Message.ofText("b" + i);
                sent.put(m, p.send(m));
            }
            CompletionStage<Void> refused = p.send(Message.builder().text("refused").tag(POISON, "yes").build());
            List<CompletionStage<Void>> after = sendNumbered(p, "c", 5);
            assertFailsIfReported(refused);
            awaitAll(after);
            List<CompletionStage<Void>> resent = new ArrayList<>();
            for (Map.Entry<Message, CompletionStage<Void>> e : sent.entrySet()) {
                if (e.getValue().toCompletableFuture().handle((v, x) -> x != null)
                        .get(DEADLINE.toSeconds(), TimeUnit.SECONDS)) {
                    resent.add(p.send(e.getKey()));
                }
            }
            awaitAll(resent);
        }
        List<String> routed = receive(9).stream().map(Message::text).sorted().toList();
        assertEquals(List.of("b0", "b1", "b2", "b3", "c0", "c1", "c2", "c3", "c4"), routed);
    }

    @Test
    void aResentMessageInATransactionWithNewOnesIsRoutedOnceAndTheNewOnesToo() throws Exception {
        Message resent = Message.ofText("resent");
        try (Producer p = producer(new GroupCommit(3, Duration.ofSeconds(5)))) {
            awaitAll(List.of(p.send(resent), p.send(Message.ofText("n0")), p.send(Message.ofText("n1"))));
            awaitAll(List.of(p.send(Message.ofText("n2")), p.send(resent), p.send(Message.ofText("n3"))));
        }
        assertEquals(List.of("resent", "n0", "n1", "n2", "n3"), receive(5).stream().map(Message::text).toList());
    }

    @Test
    void sendAllIsOneTransactionOfItsOwnInSendOrder() throws Exception {
        try (Producer p = producer(new GroupCommit(100, Duration.ofMillis(200)))) {
            List<CompletionStage<Void>> stages = sendNumbered(p, "x", 3);
            stages.add(p.sendAll(List.of(Message.ofText("all0"), Message.ofText("all1"))));
            stages.addAll(sendNumbered(p, "y", 2));
            awaitAll(stages);
            CompletionStage<Void> refused = p.sendAll(List.of(Message.ofText("none0"),
                    Message.builder().text("none1").tag(FAIL_COMMIT, "yes").build()));
            assertThrows(ExecutionException.class,
                    () -> refused.toCompletableFuture().get(DEADLINE.toSeconds(), TimeUnit.SECONDS));
        }
        assertEquals(List.of(3, 2, 2), transactions.sizes());
        assertEquals(List.of("x0", "x1", "x2", "all0", "all1", "y0", "y1"),
                receive(7).stream().map(Message::text).toList());
    }

    @Test
    void aFullWindowRefusesTrySendAndTimesOutSend() throws Exception {
        CountDownLatch release = transactions.hold();
        ProducerOptions one = ProducerOptions.DEFAULTS.withMaxInFlight(1).withSendTimeout(Duration.ofMillis(50))
                .withGroupCommit(new GroupCommit(10, Duration.ZERO));
        try (Producer p = streams.producer(stream, one)) {
            CompletionStage<Void> first = p.send(Message.ofText("first"));
            assertTrue(p.trySend(Message.ofText("second")).isEmpty(), "trySend took a slot of a full window");
            StreamTimeoutException e = assertThrows(StreamTimeoutException.class, () -> p.send(Message.ofText("third")));
            assertTrue(e.getMessage().contains("1 messages unconfirmed"), e.getMessage());
            release.countDown();
            first.toCompletableFuture().get(DEADLINE.toSeconds(), TimeUnit.SECONDS);
        } finally {
            release.countDown();
        }
    }

    @Test
    void closeReturnsWhileTheBrokerHoldsTheCommitAndFailsWhatIsOpen() throws Exception {
        CountDownLatch release = transactions.hold();
        ProducerOptions options = ProducerOptions.DEFAULTS.withCloseTimeout(Duration.ofMillis(100))
                .withGroupCommit(new GroupCommit(10, Duration.ZERO));
        try {
            Producer p = streams.producer(stream, options);
            CompletionStage<Void> held = p.send(Message.ofText("held"));
            transactions.awaitHeld();
            assertTimeoutPreemptively(DEADLINE, p::close, "close did not return while the broker held the commit");
            ExecutionException e = assertThrows(ExecutionException.class,
                    () -> held.toCompletableFuture().get(DEADLINE.toSeconds(), TimeUnit.SECONDS));
            assertInstanceOf(StreamException.class, e.getCause());
            assertThrows(StreamClosedException.class, () -> p.send(Message.ofText("after close")));
        } finally {
            release.countDown();
        }
    }

    @Test
    void aKeyOnAnotherCommitterCommitsWhileOneCommitterIsHeld() throws Exception {
        CountDownLatch release = transactions.holdTagged();
        try (Producer p = producer(new GroupCommit(10, Duration.ZERO, 4))) {
            CompletionStage<Void> held = p.send(Message.builder().key(KEY_A).text("held").tag(HOLD, "yes").build());
            transactions.awaitHeld();
            List<CompletionStage<Void>> other = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                other.add(p.send(Message.builder().key(KEY_B).text("b" + i).build()));
            }
            awaitAll(other);
            assertFalse(held.toCompletableFuture().isDone(), "the held transaction committed before its release");
            release.countDown();
            awaitAll(List.of(held));
        } finally {
            release.countDown();
        }
        List<String> routed = receive(4).stream().map(Message::text).toList();
        assertEquals(List.of("b0", "b1", "b2", "held"), routed, "key b committed first, in its send order");
    }

    @Test
    void aFailedCommitOnOneCommitterFailsExactlyItsSendsWhileOthersCommit() throws Exception {
        try (Producer p = producer(new GroupCommit(5, Duration.ofSeconds(5), 4))) {
            List<CompletionStage<Void>> failing = new ArrayList<>();
            List<CompletionStage<Void>> committed = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                Message.Builder a = Message.builder().key(KEY_A).text("a" + i);
                failing.add(p.send((i == 4 ? a.tag(FAIL_COMMIT, "yes") : a).build()));
                committed.add(p.send(Message.builder().key(KEY_B).text("b" + i).build()));
            }
            for (int i = 5; i < 10; i++) {
                committed.add(p.send(Message.builder().key(KEY_A).text("a" + i).build()));
            }
            awaitAll(committed);
            assertAllFail(failing);
        }
        List<String> routed = receive(10).stream().map(Message::text).sorted().toList();
        assertEquals(List.of("a5", "a6", "a7", "a8", "a9", "b0", "b1", "b2", "b3", "b4"), routed);
        assertEquals(List.of(5, 5), transactions.sizes(), "a failed transaction of 5 routed nothing");
    }

    @Test
    void unkeyedSendsOfManyThreadsKeepEachThreadsOrderAcrossCommitters() throws Exception {
        int threads = 8;
        int perThread = 200;
        try (Producer p = producer(new GroupCommit(50, Duration.ZERO, 3))) {
            sendFromThreads(p, threads, perThread, (thread, i) -> Message.ofText(thread + ":" + i));
        }
        assertInOrderPerPrefix(receive(threads * perThread));
    }

    @Test
    void closeReturnsWithinItsBoundWhileEveryCommitterIsHeld() throws Exception {
        int committers = 8;
        CountDownLatch release = transactions.hold();
        ProducerOptions options = ProducerOptions.DEFAULTS.withCloseTimeout(Duration.ofMillis(100))
                .withGroupCommit(new GroupCommit(10, Duration.ZERO, committers));
        try {
            Producer p = streams.producer(stream, options);
            List<CompletionStage<Void>> held = new ArrayList<>();
            for (int i = 0; i < committers; i++) {
                held.add(p.send(Message.builder().key("k" + i).text("held" + i).build()));
            }
            Deadlines.await(() -> transactions.held() >= committers / 2, DEADLINE, "committers held by the broker");
            assertClosesInItsBoundFailingWhatIsHeld(p, held);
        } finally {
            release.countDown();
        }
    }

    @Test
    void eachCommitterIsListedInReadinessAndRecoversFromAFailedCommitWithoutAnotherSend() throws Exception {
        List<String> warnings = new CopyOnWriteArrayList<>();
        Logger log = Logger.getLogger(LoopHealth.class.getName());
        Handler recorder = new Handler() {
            @Override
            public void publish(LogRecord r) {
                if (r.getLevel() == Level.WARNING && r.getMessage().contains("'" + stream + "'")) {
                    warnings.add(r.getMessage());
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        log.addHandler(recorder);
        try (Producer p = producer(new GroupCommit(1, Duration.ZERO, 3))) {
            assertEquals(3, committers().size(), "committers listed: " + committers());
            assertAllFail(List.of(p.send(Message.builder().key(KEY_A).text("x").tag(FAIL_COMMIT, "yes").build())));
            Deadlines.await(() -> !warnings.isEmpty(), DEADLINE, "the failed commit was reported");
            assertTrue(warnings.get(0).startsWith("group committer 2 of 3 of the producer to stream"), warnings.get(0));
            Deadlines.await(() -> committers().stream().allMatch(l -> l.state() == LoopHealth.State.RUNNING),
                    DEADLINE, () -> "every committer running again without another send: " + committers());
        } finally {
            log.removeHandler(recorder);
        }
        assertTrue(committers().isEmpty(), "closed committers are still listed: " + committers());
    }

    @Test
    void pipelinedTransactionsOfOneKeyAreRoutedInSendOrder() throws Exception {
        int count = 2_000;
        List<CompletionStage<Void>> stages = new ArrayList<>();
        try (Producer p = producer(new GroupCommit(10, Duration.ZERO, 1))) {
            for (int i = 0; i < count; i++) {
                stages.add(p.send(Message.builder().key(KEY_A).text("a:" + i).build()));
            }
            awaitAll(stages);
        }
        assertInOrderPerPrefix(receive(count));
        assertTrue(transactions.sizes().size() > 1, "the sends were committed in several transactions");
    }

    @Test
    void theNextTransactionIsSentWhileOneCommitsAndCommitsOnlyAfterItFailed() throws Exception {
        CountDownLatch release = transactions.holdTagged();
        List<CompletionStage<Void>> failing = new ArrayList<>();
        List<CompletionStage<Void>> next;
        try (Producer p = producer(new GroupCommit(3, Duration.ofSeconds(5), 1))) {
            failing.add(p.send(Message.builder().key(KEY_A).text("a0").tag(HOLD, "yes").build()));
            failing.add(p.send(Message.builder().key(KEY_A).text("a1").build()));
            failing.add(p.send(Message.builder().key(KEY_A).text("a2").tag(FAIL_COMMIT, "yes").build()));
            transactions.awaitHeld();
            next = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                next.add(p.send(Message.builder().key(KEY_A).text("b" + i).build()));
            }
            Deadlines.await(() -> transactions.sentInTransactions() >= 3, DEADLINE,
                    "the next transaction sent while the first one's commit is held");
            assertTrue(next.stream().noneMatch(s -> s.toCompletableFuture().isDone()),
                    "the next transaction completed before the held one was settled");
            release.countDown();
            assertAllFail(failing);
            awaitAll(next);
        } finally {
            release.countDown();
        }
        List<String> routed = receive(3).stream().map(Message::text).toList();
        assertEquals(List.of("b0", "b1", "b2"), routed);
        assertEquals(List.of(3), transactions.sizes(), "the failed transaction routed nothing");
    }

    @Test
    void closeReturnsWithinItsBoundWhileBothSessionsOfACommitterAreHeld() throws Exception {
        CountDownLatch release = transactions.hold();
        ProducerOptions options = ProducerOptions.DEFAULTS.withCloseTimeout(Duration.ofMillis(100))
                .withGroupCommit(new GroupCommit(1, Duration.ZERO, 1));
        try {
            Producer p = streams.producer(stream, options);
            List<CompletionStage<Void>> held =
                    List.of(p.send(Message.ofText("held0")), p.send(Message.ofText("held1")));
            Deadlines.await(() -> transactions.held() >= 2, DEADLINE,
                    "both sessions of the committer held by the broker");
            assertClosesInItsBoundFailingWhatIsHeld(p, held);
        } finally {
            release.countDown();
        }
    }

    @Test
    void badGroupCommitSettingsAreRefusedNamingTheValue() {
        IllegalArgumentException size = assertThrows(IllegalArgumentException.class,
                () -> new GroupCommit(10_001, Duration.ZERO));
        assertTrue(size.getMessage().contains("10001") && size.getMessage().contains("0 to 10000"), size.getMessage());
        IllegalArgumentException linger = assertThrows(IllegalArgumentException.class,
                () -> new GroupCommit(10, Duration.ofMinutes(2)));
        assertTrue(linger.getMessage().contains("PT2M"), linger.getMessage());
        IllegalArgumentException committers = assertThrows(IllegalArgumentException.class,
                () -> new GroupCommit(10, Duration.ZERO, 0));
        assertTrue(committers.getMessage().contains("committers 0") && committers.getMessage().contains("1 to 64"),
                committers.getMessage());
        assertFalse(GroupCommit.OFF.enabled());
    }

    /**
     * The refused message's stage fails like any failed commit, or, as Artemis sometimes does not report a
     * refusal inside a transaction at all (the limit docs/streams.md states), completes; either way the
     * caller of this test then checks that the refused message was not routed.
     */
    /** Close returns within its close timeout plus one stop wait (2 s) while the broker holds commits. */
    private static void assertClosesInItsBoundFailingWhatIsHeld(Producer p, List<CompletionStage<Void>> held) {
        assertTimeoutPreemptively(Duration.ofSeconds(8), p::close,
                "close did not return within its close timeout and one stop wait while the broker held commits");
        held.forEach(s -> assertThrows(ExecutionException.class,
                () -> s.toCompletableFuture().get(DEADLINE.toSeconds(), TimeUnit.SECONDS)));
    }

    private static void assertFailsIfReported(CompletionStage<Void> refused) throws Exception {
        Throwable failure = refused.toCompletableFuture().handle((v, x) -> x)
                .get(DEADLINE.toSeconds(), TimeUnit.SECONDS);
        if (failure != null) {
            Throwable cause = failure instanceof java.util.concurrent.CompletionException ? failure.getCause() : failure;
            assertInstanceOf(StreamException.class, cause);
            assertTrue(cause.getMessage().contains("may or may not have been routed"), cause.getMessage());
        }
    }

    private static void assertAllFail(List<CompletionStage<Void>> stages) {
        for (CompletionStage<Void> s : stages) {
            ExecutionException e = assertThrows(ExecutionException.class,
                    () -> s.toCompletableFuture().get(DEADLINE.toSeconds(), TimeUnit.SECONDS));
            assertInstanceOf(StreamException.class, e.getCause());
            assertTrue(e.getCause().getMessage().contains("may or may not have been routed"), e.getCause().getMessage());
        }
    }

    /** The loops readiness lists for this test's producer: its committers. */
    private List<LoopHealth> committers() {
        return Loops.live().stream().filter(l -> l.name().contains("'" + stream + "'")).toList();
    }

    private Producer producer(GroupCommit groupCommit) {
        return streams.producer(stream, ProducerOptions.DEFAULTS.withGroupCommit(groupCommit));
    }

    private static List<CompletionStage<Void>> sendNumbered(Producer p, String prefix, int n) throws InterruptedException {
        List<CompletionStage<Void>> stages = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            stages.add(p.send(Message.ofText(prefix + i)));
        }
        return stages;
    }

    private static void awaitAll(List<CompletionStage<Void>> stages) throws Exception {
        CompletableFuture.allOf(stages.stream().map(CompletionStage::toCompletableFuture)
                .toArray(CompletableFuture[]::new)).get(DEADLINE.toSeconds(), TimeUnit.SECONDS);
    }

    /** Receives exactly {@code n} messages in queue order, acking each batch; fails at the deadline. */
    private List<Message> receive(int n) throws InterruptedException {
        List<Message> got = new ArrayList<>();
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        try (Consumer c = streams.consumer(stream)) {
            while (got.size() < n && System.nanoTime() < deadline) {
                List<Message> batch = c.receive();
                batch.forEach(c::ack);
                got.addAll(batch);
            }
            assertEquals(n, got.size(), "messages received before the deadline");
            assertTrue(c.receive(10, Duration.ofMillis(200)).isEmpty(), "more messages than sent were routed");
        }
        return got;
    }

    /**
     * The broker's view: the messages each committed transaction routed, in commit order. Refuses the send of a
     * message tagged {@value #POISON}, fails the commit of a transaction holding one tagged {@value #FAIL_COMMIT},
     * and can hold every send until released.
     */
    private static final class Transactions implements ActiveMQServerMessagePlugin {
        private final Map<Long, Integer> routed = new LinkedHashMap<>();
        private final CountDownLatch arrived = new CountDownLatch(1);
        private final AtomicInteger held = new AtomicInteger();
        private final AtomicInteger sentInTransactions = new AtomicInteger();
        private volatile CountDownLatch release = new CountDownLatch(0);
        private volatile boolean holdAll;

        /** Holds every send until the latch returned is released. */
        CountDownLatch hold() {
            holdAll = true;
            release = new CountDownLatch(1);
            return release;
        }

        /** Holds the sends of messages tagged {@value #HOLD} until the latch returned is released. */
        CountDownLatch holdTagged() {
            holdAll = false;
            release = new CountDownLatch(1);
            return release;
        }

        /** How many sends have been held so far. */
        int held() {
            return held.get();
        }

        /** How many sends inside a transaction the broker has taken so far (committed or not). */
        int sentInTransactions() {
            return sentInTransactions.get();
        }

        void awaitHeld() throws InterruptedException {
            assertTrue(arrived.await(DEADLINE.toSeconds(), TimeUnit.SECONDS), "the broker never saw the message");
        }

        synchronized List<Integer> sizes() {
            return List.copyOf(routed.values());
        }

        @Override
        public void beforeSend(ServerSession session, Transaction tx, org.apache.activemq.artemis.api.core.Message m,
                boolean direct, boolean noAutoCreateQueue) throws ActiveMQException {
            if (m.getStringProperty(MessageCodec.DUPLICATE_ID) == null) {
                return;
            }
            if (holdAll || m.getStringProperty(HOLD) != null) {
                arrived.countDown();
                held.incrementAndGet();
                try {
                    release.await(DEADLINE.toSeconds(), TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            if (m.getStringProperty(POISON) != null) {
                throw new ActiveMQException(ActiveMQExceptionType.INTERNAL_ERROR, "refused by the test");
            }
        }

        @Override
        public void afterSend(ServerSession session, Transaction tx, org.apache.activemq.artemis.api.core.Message m,
                boolean direct, boolean noAutoCreateQueue, RoutingStatus result) {
            if (m.getStringProperty(MessageCodec.DUPLICATE_ID) == null || tx == null) {
                return;
            }
            sentInTransactions.incrementAndGet();
            boolean failCommit = m.getStringProperty(FAIL_COMMIT) != null;
            tx.addOperation(new TransactionOperationAbstract() {
                @Override
                public void beforeCommit(Transaction committing) throws Exception {
                    if (failCommit) {
                        throw new ActiveMQException(ActiveMQExceptionType.INTERNAL_ERROR, "commit failed by the test");
                    }
                }

                @Override
                public void afterCommit(Transaction committed) {
                    synchronized (Transactions.this) {
                        routed.merge(committed.getID(), 1, Integer::sum);
                    }
                }
            });
        }
    }
}
