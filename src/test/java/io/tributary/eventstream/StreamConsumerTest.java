package io.tributary.eventstream;

import io.tributary.eventstream.memory.MemoryEventStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link StreamConsumer} on the reference stream: restarts, backoff, the concurrency limit, stopping. */
class StreamConsumerTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final BackoffStrategy QUICK = failures -> Duration.ofMillis(1);

    private final MemoryEventStream stream = new MemoryEventStream(new StreamIdentity("test", "consumed"),
            EventStreamConformance.TYPES, Retention.ofCount(10_000));
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final List<StreamConsumer> consumers = new ArrayList<>();

    @AfterEach
    void stop() throws InterruptedException {
        consumers.forEach(StreamConsumer::stop);
        threads.shutdown();
        assertTrue(threads.awaitTermination(30, TimeUnit.SECONDS), "consumers stopped");
        stream.close();
    }

    @Test
    void aHandlerFailingEveryThirdCallHasEveryEffectExactlyOnce() {
        EventStreamConformance.appendNumbered(stream, 0, 100);
        RecordingHandler handler = new RecordingHandler(call -> call % 3 == 0);
        start(StreamConsumer.builder(stream, handler).backoff(QUICK));
        await(() -> handler.recordedNext() == 100, "all 100 events handled");
        assertEquals(everyOffsetOnce(100), handler.effects());
        assertTrue(handler.calls() >= 149, "failed calls were retried: " + handler.calls() + " calls");
    }

    @Test
    void backoffGrowsWithConsecutiveFailuresAndResetsAfterASuccess() {
        EventStreamConformance.appendNumbered(stream, 0, 3);
        List<Integer> failureCounts = new CopyOnWriteArrayList<>();
        RecordingHandler handler = new RecordingHandler(call -> call <= 4 || call == 6);
        start(StreamConsumer.builder(stream, handler).backoff(failures -> {
            failureCounts.add(failures);
            return new ExponentialBackoff(Duration.ofMillis(1), Duration.ofMillis(8)).delay(failures);
        }));
        await(() -> handler.recordedNext() == 3, "all 3 events handled");
        assertEquals(List.of(1, 2, 3, 4, 1), failureCounts);
        assertEquals(everyOffsetOnce(3), handler.effects());
    }

    @Test
    void concurrentHandlingNeverExceedsTheSemaphore() {
        EventStreamConformance.appendNumbered(stream, 0, 200);
        Semaphore limit = new Semaphore(2);
        AtomicInteger active = new AtomicInteger();
        AtomicInteger maxActive = new AtomicInteger();
        List<RecordingHandler> handlers = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            RecordingHandler recording = new RecordingHandler(call -> false);
            handlers.add(recording);
            start(StreamConsumer.builder(stream, new EventHandler() {
                @Override
                public long nextOffset(StreamIdentity source) {
                    return recording.nextOffset(source);
                }

                @Override
                public void handleEvent(long offset, Event event) throws Exception {
                    maxActive.accumulateAndGet(active.incrementAndGet(), Math::max);
                    try {
                        TimeUnit.MICROSECONDS.sleep(200);
                        recording.handleEvent(offset, event);
                    } finally {
                        active.decrementAndGet();
                    }
                }
            }).semaphore(limit));
        }
        await(() -> handlers.stream().allMatch(h -> h.recordedNext() == 200), "every consumer handled all events");
        assertTrue(maxActive.get() <= 2, "at most 2 handlers at once, saw " + maxActive.get());
        handlers.forEach(h -> assertEquals(everyOffsetOnce(200), h.effects()));
        assertEquals(2, limit.availablePermits(), "every permit returned");
    }

    @Test
    void onlyTheChosenTypesAreHandled() {
        EventStreamConformance.appendNumbered(stream, 0, 9);
        List<String> types = new CopyOnWriteArrayList<>();
        RecordingHandler recording = new RecordingHandler(call -> false);
        start(StreamConsumer.builder(stream, new EventHandler() {
            @Override
            public long nextOffset(StreamIdentity source) {
                return recording.nextOffset(source);
            }

            @Override
            public void handleEvent(long offset, Event event) {
                types.add(event.type());
                recording.handleEvent(offset, event);
            }
        }).types(java.util.Set.of(EventStreamConformance.SHIPPED)));
        await(() -> recording.recordedNext() == 8, "the last shipped event (offset 7) handled");
        assertEquals(List.of(EventStreamConformance.SHIPPED, EventStreamConformance.SHIPPED,
                EventStreamConformance.SHIPPED), types);
    }

    @Test
    void stopEndsAConsumerWaitingAtTheEndOfTheStream() throws Exception {
        RecordingHandler handler = new RecordingHandler(call -> false);
        StreamConsumer consumer = StreamConsumer.builder(stream, handler).pollInterval(Duration.ofMinutes(5)).build();
        Future<?> running = threads.submit(() -> {
            consumer.run();
            return null;
        });
        EventStreamConformance.appendNumbered(stream, 0, 1);
        await(() -> handler.recordedNext() == 1, "the event handled");
        consumer.stop();
        running.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertTrue(consumer.isStopped());
    }

    private void start(StreamConsumer.Builder builder) {
        StreamConsumer consumer = builder.pollInterval(Duration.ofMillis(50)).build();
        consumers.add(consumer);
        threads.submit(() -> {
            consumer.run();
            return null;
        });
    }

    private static Map<Long, Integer> everyOffsetOnce(int count) {
        Map<Long, Integer> expected = new java.util.TreeMap<>();
        for (long offset = 0; offset < count; offset++) {
            expected.put(offset, 1);
        }
        return expected;
    }

    private static void await(BooleanSupplier condition, String what) {
        Instant deadline = Instant.now().plus(WAIT);
        while (!condition.getAsBoolean()) {
            assertTrue(Instant.now().isBefore(deadline), "within " + WAIT + ": " + what);
            Thread.onSpinWait();
            try {
                TimeUnit.MILLISECONDS.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
