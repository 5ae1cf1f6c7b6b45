package io.tributary.work.pipeline;

import io.tributary.stream.Consumer;
import io.tributary.stream.ConsumerOptions;
import io.tributary.stream.Message;
import io.tributary.stream.Producer;
import io.tributary.stream.RedeliveryPolicy;
import io.tributary.stream.Streams;
import io.tributary.supervision.LoopHealth;
import io.tributary.supervision.Loops;
import io.tributary.testing.FailingReceives;
import io.tributary.work.Eventually;
import io.tributary.work.WorkerPool;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The consumer pipeline over a real {@link Streams} implementation: what the pipeline acks leaves the
 * stream, what it nacks follows the stream's redelivery policy. Subclasses give the implementation.
 */
public abstract class ConsumerPipelineConformance {

    private static final Duration WAIT = Eventually.PATIENCE;
    private static final AtomicInteger STREAMS = new AtomicInteger();

    private final RecordingHandlers handlers = new RecordingHandlers();
    private final List<ConsumerPipeline<?>> pipelines = new ArrayList<>();

    /** The streams factory of this test (the same on every call within one test). */
    protected abstract Streams streams();

    /** Closes the streams factory and whatever it runs on; called after the pipelines stopped. */
    protected abstract void closeStreams();

    @AfterEach
    void stopPipelines() throws InterruptedException {
        try {
            for (ConsumerPipeline<?> p : pipelines) {
                p.stop();
                assertTrue(p.awaitStopped(WAIT), "pipeline did not stop");
            }
            assertTrue(handlers.shutdown(WAIT), "a pool did not terminate");
        } finally {
            closeStreams();
        }
    }

    private static String newStream() {
        return "pipeline-" + STREAMS.incrementAndGet() + "-" + System.nanoTime();
    }

    private static List<Message> send(Producer producer, List<Message> messages) throws Exception {
        List<CompletableFuture<Void>> confirmations = new ArrayList<>();
        for (Message m : messages) {
            confirmations.add(producer.send(m).toCompletableFuture());
        }
        CompletableFuture.allOf(confirmations.toArray(new CompletableFuture<?>[0])).get(WAIT.toSeconds(), TimeUnit.SECONDS);
        return messages;
    }

    private void run(Consumer consumer, WorkerPool<Message, String> pool, int k) {
        ConsumerPipeline<String> p = new ConsumerPipeline<>(consumer, pool, k);
        pipelines.add(p);
        new Thread(p, "pipeline-" + consumer.stream()).start();
    }

    @Test
    void everyMessageIsProcessedAndAckedInOrderPerKeyWithinTheBound() throws Exception {
        String stream = newStream();
        Streams streams = streams();
        List<Message> sent = new ArrayList<>();
        for (int i = 0; i < 120; i++) {
            sent.add(Message.builder().key("k" + (i % 4)).text("k" + (i % 4) + "-" + i).build());
        }
        try (Producer producer = streams.producer(stream)) {
            send(producer, sent);
        }
        Consumer consumer = streams.consumer(stream, streams.defaultConsumerOptions().withBatchSize(25)
                .withReceiveWait(Duration.ofMillis(50)));
        run(consumer, handlers.pool(6, Message::text), 3);

        Eventually.holds("every message acked", () -> handlers.processedPerKey.values().stream()
                .mapToInt(List::size).sum() == 120 && consumer.backlog() == 0);

        assertEquals(List.of(), handlers.overlaps);
        for (int k = 0; k < 4; k++) {
            assertEquals(RecordingHandlers.texts(sent, "k" + k), handlers.processedPerKey.get("k" + k), "order of k" + k);
        }
        assertTrue(handlers.maxRunning.get() <= 3, "ran at once: " + handlers.maxRunning.get());
    }

    @Test
    void aMessageThatFailsIsNackedWithTheFailureAsReasonAndDeadLettered() throws Exception {
        String stream = newStream();
        Streams streams = streams();
        try (Producer producer = streams.producer(stream)) {
            send(producer, List.of(Message.ofText("good"), Message.ofText("poison")));
        }
        ConsumerOptions once = streams.defaultConsumerOptions().withReceiveWait(Duration.ofMillis(50))
                .withRedelivery(new RedeliveryPolicy(1, Duration.ZERO, 1.0, Duration.ZERO));
        run(streams.consumer(stream, once), handlers.pool(2, m -> {
            if (m.text().equals("poison")) {
                throw new IllegalArgumentException("cannot digest " + m.text());
            }
            return "ok";
        }), 2);

        Message dead;
        try (Consumer dlq = streams.consumer(streams.deadLetterStream(stream), once)) {
            List<Message> got = List.of();
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (got.isEmpty() && System.nanoTime() < deadline) {
                got = dlq.receive(10, Duration.ofMillis(100));
            }
            assertEquals(1, got.size(), "dead letters: " + got);
            dead = got.get(0);
            dlq.ack(dead);
        }

        assertEquals("poison", dead.text());
        assertNotNull(dead.tag(Consumer.REASON_TAG));
        assertEquals("java.lang.IllegalArgumentException: cannot digest poison (after 2 tries)",
                dead.tag(Consumer.REASON_TAG));
        assertEquals(List.of("good"), handlers.processedPerKey.get("null").stream().filter("good"::equals).toList());
    }

    @Test
    void failedReceivesNeverEndThePipelineItRecoversAndShowsItInReadiness() throws Exception {
        String stream = newStream();
        Streams streams = streams();
        FailingReceives failing = new FailingReceives(streams.consumer(stream, streams.defaultConsumerOptions()
                .withReceiveWait(Duration.ofMillis(50))));
        failing.failNext(Integer.MAX_VALUE);
        run(failing, handlers.pool(2, Message::text), 2);
        Eventually.holds("the pipeline shows it is recovering", () -> pipelineHealth(stream)
                .filter(h -> h.state() == LoopHealth.State.RECOVERING).isPresent());

        failing.failNext(0);
        try (Producer producer = streams.producer(stream)) {
            send(producer, List.of(Message.ofText("after the outage")));
        }
        Eventually.holds("the message sent after the outage is processed and acked", () ->
                handlers.processedPerKey.getOrDefault("null", List.of()).contains("after the outage")
                        && failing.backlog() == 0);
        Eventually.holds("the pipeline shows it runs again", () -> pipelineHealth(stream)
                .filter(h -> h.state() == LoopHealth.State.RUNNING).isPresent());
        assertTrue(failing.failed() > 0, "no receive failed");
    }

    private static Optional<LoopHealth> pipelineHealth(String stream) {
        return Loops.live().stream().filter(h -> h.name().startsWith("pipeline from stream '" + stream + "'")).findFirst();
    }
}
