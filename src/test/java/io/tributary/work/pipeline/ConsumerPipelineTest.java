package io.tributary.work.pipeline;

import io.tributary.stream.Message;
import io.tributary.stream.support.Settlement;
import io.tributary.work.Eventually;
import io.tributary.work.WorkerPool;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The pipeline against a scripted consumer, where each ack and nack can be seen. */
class ConsumerPipelineTest {

    private static final Duration WAIT = Eventually.PATIENCE;

    private final RecordingHandlers handlers = new RecordingHandlers();
    private final List<ConsumerPipeline<?>> pipelines = new ArrayList<>();
    private final AtomicInteger running = handlers.running;
    private final AtomicInteger maxRunning = handlers.maxRunning;
    private final Map<String, List<String>> processedPerKey = handlers.processedPerKey;
    private final List<String> overlaps = handlers.overlaps;

    @AfterEach
    void stopAll() throws InterruptedException {
        for (ConsumerPipeline<?> p : pipelines) {
            p.stop();
            assertTrue(p.awaitStopped(WAIT), "pipeline did not stop");
        }
        assertTrue(handlers.shutdown(WAIT), "a pool did not terminate");
    }

    private WorkerPool<Message, String> pool(int workers, Function<Message, String> job) {
        return handlers.pool(workers, job);
    }

    private ConsumerPipeline<String> run(ScriptedConsumer consumer, WorkerPool<Message, String> pool, int k) {
        ConsumerPipeline<String> p = new ConsumerPipeline<>(consumer, pool, k);
        pipelines.add(p);
        new Thread(p, "pipeline-test").start();
        return p;
    }

    private static Message msg(String key, String text) {
        return Message.builder().key(key).text(text).build();
    }

    @Test
    void successesAreAckedAndFailuresNackedWithTheFailureAsReason() throws Exception {
        ScriptedConsumer consumer = new ScriptedConsumer(10);
        consumer.add(List.of(msg(null, "ok1"), msg(null, "bad"), msg(null, "ok2")));
        ConsumerPipeline<String> p = run(consumer, pool(2, m -> {
            if (m.text().equals("bad")) {
                throw new IllegalArgumentException("cannot handle " + m.text());
            }
            return "done";
        }), 4);

        Eventually.holds("all settled", () -> consumer.settlements.size() == 3);

        for (Settlement s : consumer.settlements) {
            boolean bad = s.message().text().equals("bad");
            assertEquals(bad ? Settlement.Outcome.NACK : Settlement.Outcome.ACK, s.outcome(), s.message().text());
            if (bad) {
                assertEquals("java.lang.IllegalArgumentException: cannot handle bad (after 2 tries)", s.reason());
            }
        }
        assertEquals(2, p.acked());
        assertEquals(1, p.nacked());
        assertEquals(2, processedPerKey.get("null").stream().filter("bad"::equals).count(), "retried by the pool");
    }

    @Test
    void messagesWithOneKeyAreProcessedOneAfterAnotherInOrder() throws Exception {
        ScriptedConsumer consumer = new ScriptedConsumer(50);
        List<Message> sent = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            sent.add(msg("k" + (i % 5), "k" + (i % 5) + "-" + i));
        }
        consumer.add(sent);
        run(consumer, pool(4, Message::text), 8);

        Eventually.holds("all settled", () -> consumer.settlements.size() == 200);

        assertEquals(List.of(), overlaps, "messages of one key ran at the same time");
        for (int k = 0; k < 5; k++) {
            String key = "k" + k;
            assertEquals(RecordingHandlers.texts(sent, key), processedPerKey.get(key), "order of " + key);
        }
        assertTrue(consumer.settlements.stream().allMatch(Settlement::acked));
    }

    @Test
    void messagesWithDifferentKeysRunInParallel() throws Exception {
        CountDownLatch bStarted = new CountDownLatch(1);
        ScriptedConsumer consumer = new ScriptedConsumer(10);
        consumer.add(List.of(msg("a", "a1"), msg("b", "b1")));
        run(consumer, pool(2, m -> {
            if (m.text().equals("b1")) {
                bStarted.countDown();
                return "b";
            }
            try {
                return bStarted.await(WAIT.toSeconds(), TimeUnit.SECONDS) ? "a saw b" : "a alone";
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        }), 2);

        Eventually.holds("both settled", () -> consumer.settlements.size() == 2);

        assertTrue(consumer.settlements.stream().allMatch(Settlement::acked));
        assertEquals(0, bStarted.getCount(), "b ran while a was waiting for it");
    }

    @Test
    void neverMoreThanMaxInFlightMessagesRunAtOnce() throws Exception {
        CountDownLatch gate = new CountDownLatch(1);
        ScriptedConsumer consumer = new ScriptedConsumer(100);
        List<Message> sent = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            sent.add(msg(null, "m" + i));
        }
        consumer.add(sent);
        run(consumer, pool(8, m -> {
            try {
                gate.await(WAIT.toSeconds(), TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
            return "ok";
        }), 3);

        Eventually.holds("three running", () -> running.get() == 3);
        gate.countDown();
        Eventually.holds("all settled", () -> consumer.settlements.size() == 300);

        assertEquals(3, maxRunning.get());
    }

    @Test
    void stopEndsAfterTheBatchAndClosesTheConsumer() throws Exception {
        ScriptedConsumer consumer = new ScriptedConsumer(10);
        consumer.add(List.of(msg(null, "a"), msg(null, "b")));
        ConsumerPipeline<String> p = run(consumer, pool(2, Message::text), 2);
        Eventually.holds("settled", () -> consumer.settlements.size() == 2);

        p.stop();

        assertTrue(p.awaitStopped(WAIT));
        assertTrue(consumer.closed);
    }

    @Test
    void aPoolThatShutsDownStopsThePipelineAndTheUnsettledMessagesGoBackToTheStream() throws Exception {
        CountDownLatch gate = new CountDownLatch(1);
        ScriptedConsumer consumer = new ScriptedConsumer(10);
        consumer.add(List.of(msg("k", "first"), msg("k", "second"), msg("k", "third")));
        WorkerPool<Message, String> pool = pool(1, m -> {
            try {
                gate.await(WAIT.toSeconds(), TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
            return "ok";
        });
        ConsumerPipeline<String> p = run(consumer, pool, 3);
        Eventually.holds("first running", () -> running.get() == 1);

        pool.shutdown();
        gate.countDown();

        assertTrue(p.awaitStopped(WAIT));
        assertTrue(consumer.closed);
        assertEquals(List.of(Settlement.Outcome.ACK, Settlement.Outcome.RELEASE, Settlement.Outcome.RELEASE),
                consumer.settlements.stream().map(Settlement::outcome).toList());
    }

    @Test
    void aNackReasonIsNeverBlankAndAtMostTheLimit() {
        Message m = msg(null, "x");
        io.tributary.work.Operation<Message> tried = new io.tributary.work.Operation<>(1, m, 2, null);

        String bare = ConsumerPipeline.reason(io.tributary.work.Outcome.failed(tried, new IllegalStateException()));
        String huge = ConsumerPipeline.reason(io.tributary.work.Outcome.failed(tried,
                new IllegalStateException("y".repeat(5_000))));

        assertEquals("java.lang.IllegalStateException (after 2 tries)", bare);
        assertEquals(ConsumerPipeline.MAX_REASON, huge.length());
    }

    @Test
    void badArgumentsGetAClearError() {
        WorkerPool<Message, String> pool = pool(1, Message::text);
        ScriptedConsumer consumer = new ScriptedConsumer(1);
        assertThrows(NullPointerException.class, () -> new ConsumerPipeline<>(null, pool, 1));
        assertThrows(NullPointerException.class, () -> new ConsumerPipeline<String>(consumer, null, 1));
        for (int k : new int[] {0, -1, 10_001}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> new ConsumerPipeline<>(consumer, pool, k));
            assertTrue(e.getMessage().contains(String.valueOf(k)), e.getMessage());
        }
    }
}
