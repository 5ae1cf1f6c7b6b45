package io.tributary.eventstream;

import io.tributary.stream.StreamClosedException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The {@link EventStream} contract, after dogmatiq's {@code streamtest}: every implementation runs it
 * through a subclass that says how to reach a stream. Waits poll with deadlines; timing never decides
 * the outcome.
 */
public abstract class EventStreamConformance {

    public static final String PLACED = "order.placed";
    public static final String SHIPPED = "order.shipped";
    public static final String CANCELLED = "order.cancelled";
    public static final Set<String> TYPES = Set.of(PLACED, SHIPPED, CANCELLED);
    public static final Duration WAIT = Duration.ofSeconds(30);
    private static final AtomicInteger NAMES = new AtomicInteger();

    private final List<EventStream> streams = new ArrayList<>();
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private StreamIdentity identity = new StreamIdentity("test", "s" + NAMES.incrementAndGet() + "-" + System.nanoTime());

    /**
     * An instance of the stream {@code identity}: for an implementation shared between application
     * instances, a new instance (own connection) on the same store each call; otherwise the same stream.
     */
    protected abstract EventStream connect(StreamIdentity identity, Set<String> types, Retention retention);

    /** A fresh stream (new identity) with the default types and {@code retention}. */
    protected EventStream fresh(Retention retention) {
        identity = new StreamIdentity("test", "s" + NAMES.incrementAndGet() + "-" + System.nanoTime());
        return instance(retention);
    }

    /** Another instance of the stream last made by {@link #fresh}. */
    protected EventStream instance(Retention retention) {
        EventStream stream = connect(identity, TYPES, retention);
        streams.add(stream);
        return stream;
    }

    @AfterEach
    void closeStreams() throws InterruptedException {
        streams.forEach(EventStream::close);
        threads.shutdownNow();
        assertTrue(threads.awaitTermination(30, TimeUnit.SECONDS), "test threads ended");
    }

    // --- opening and reading -------------------------------------------------------------------

    @Test
    void openAtZeroReadsEveryEventInOrder() {
        EventStream stream = fresh(Retention.ofCount(1_000));
        stream.append(event(PLACED, "a"), event(SHIPPED, "b"));
        stream.append(event(CANCELLED, "c"));
        List<Event> events = read(stream, 0, 3, TYPES);
        assertEquals(List.of(0L, 1L, 2L), offsets(events));
        assertEquals(List.of(PLACED, SHIPPED, CANCELLED), events.stream().map(Event::type).toList());
        assertEquals(List.of("a", "b", "c"), texts(events));
    }

    @Test
    void openInTheMiddleStartsThere() {
        EventStream stream = fresh(Retention.ofCount(1_000));
        appendNumbered(stream, 0, 10);
        List<Event> events = read(stream, 6, 4, TYPES);
        assertEquals(List.of(6L, 7L, 8L, 9L), offsets(events));
        assertEquals(List.of("e6", "e7", "e8", "e9"), texts(events));
    }

    @Test
    void openAtTheEndWaitsForTheNextAppend() throws Exception {
        EventStream stream = fresh(Retention.ofCount(1_000));
        appendNumbered(stream, 0, 3);
        read(stream, 2, 1, TYPES);
        try (Cursor cursor = stream.open(3, TYPES)) {
            assertTrue(cursor.next(Duration.ofMillis(50)).isEmpty(), "nothing beyond the end yet");
            Future<Optional<Event>> waiting = threads.submit(() -> cursor.next(WAIT));
            stream.append(event(SHIPPED, "late"));
            Event event = waiting.get(WAIT.toSeconds(), TimeUnit.SECONDS).orElseThrow();
            assertEquals(3, event.offset());
            assertEquals("late", event.text());
        }
    }

    @Test
    void openBeyondTheEndBlocksUntilTheStreamGetsThere() throws Exception {
        EventStream stream = fresh(Retention.ofCount(1_000));
        appendNumbered(stream, 0, 2);
        try (Cursor cursor = stream.open(5, TYPES)) {
            Future<Optional<Event>> waiting = threads.submit(() -> cursor.next(WAIT));
            appendNumbered(stream, 2, 7);
            Event event = waiting.get(WAIT.toSeconds(), TimeUnit.SECONDS).orElseThrow();
            assertEquals(5, event.offset());
            assertEquals("e5", event.text());
        }
    }

    @Test
    void aTimedOutNextCarriesOnFromTheSamePlace() {
        EventStream stream = fresh(Retention.ofCount(1_000));
        try (Cursor cursor = stream.open(0, TYPES)) {
            assertTrue(cursor.next(Instant.now().minusSeconds(1)).isEmpty(), "a past deadline returns empty");
            assertEquals(0, cursor.position());
            stream.append(event(PLACED, "x"));
            assertEquals(0, cursor.next(WAIT).orElseThrow().offset());
            assertEquals(1, cursor.position());
        }
    }

    @Test
    void theTypeFilterSkipsOtherTypes() {
        EventStream stream = fresh(Retention.ofCount(1_000));
        stream.append(event(PLACED, "p0"), event(SHIPPED, "s1"), event(PLACED, "p2"), event(CANCELLED, "c3"));
        stream.append(event(SHIPPED, "s4"));
        List<Event> placed = read(stream, 0, 2, Set.of(PLACED));
        assertEquals(List.of(0L, 2L), offsets(placed));
        List<Event> shippedOrCancelled = read(stream, 0, 3, Set.of(SHIPPED, CANCELLED));
        assertEquals(List.of(1L, 3L, 4L), offsets(shippedOrCancelled));
    }

    @Test
    void badOpenArgumentsAreRejectedWithTheAllowedValues() {
        EventStream stream = fresh(Retention.ofCount(1_000));
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> stream.open(0, Set.of(PLACED, "invoice.paid")));
        assertTrue(unknown.getMessage().contains("'invoice.paid'"), unknown.getMessage());
        assertTrue(unknown.getMessage().contains(PLACED) && unknown.getMessage().contains(SHIPPED), unknown.getMessage());
        IllegalArgumentException negative = assertThrows(IllegalArgumentException.class, () -> stream.open(-1, TYPES));
        assertTrue(negative.getMessage().contains("-1"), negative.getMessage());
        assertThrows(IllegalArgumentException.class, () -> stream.open(0, Set.of()));
    }

    @Test
    void badAppendsAreRejectedAndAppendNothing() {
        EventStream stream = fresh(Retention.ofCount(1_000));
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> stream.append(event(PLACED, "ok"), event("invoice.paid", "no")));
        assertTrue(unknown.getMessage().contains("'invoice.paid'") && unknown.getMessage().contains(CANCELLED),
                unknown.getMessage());
        assertThrows(IllegalArgumentException.class, () -> stream.append(List.of()));
        stream.append(event(SHIPPED, "first"));
        Event first = read(stream, 0, 1, TYPES).get(0);
        assertEquals("first", first.text(), "the rejected append left no event behind");
    }

    // --- where the stream stands ----------------------------------------------------------------

    @Test
    void aNewStreamHasHeadZeroAndAnEmptyRange() {
        EventStream stream = fresh(Retention.ofCount(10));
        assertEquals(0, stream.head());
        assertEquals(new RetainedRange(0, 0), stream.retained());
        assertEquals(0, stream.retained().count());
    }

    @Test
    void theHeadAndTheRetainedRangeFollowAppendsAndRetention() {
        EventStream stream = fresh(Retention.ofCount(5));
        appendNumbered(stream, 0, 3);
        read(stream, 2, 1, TYPES);
        assertEquals(3, stream.head());
        assertEquals(new RetainedRange(0, 3), stream.retained());
        appendNumbered(stream, 3, 8);
        read(stream, 7, 1, TYPES);
        assertEquals(8, stream.head());
        RetainedRange range = stream.retained();
        assertEquals(new RetainedRange(3, 8), range);
        assertEquals(5, range.count());
        assertEquals(range.first(), assertThrows(Truncated.class, () -> stream.open(range.first() - 1, TYPES))
                .firstRetained());
        assertEquals(List.of(3L), offsets(read(stream, range.first(), 1, TYPES)));
    }

    @Test
    void everyInstanceSeesTheSameHeadAndRange() {
        Retention retention = Retention.ofCount(4);
        EventStream first = fresh(retention);
        EventStream second = instance(retention);
        appendNumbered(first, 0, 3);
        appendNumbered(second, 3, 6);
        read(first, 5, 1, TYPES);
        assertEquals(new RetainedRange(2, 6), first.retained());
        assertEquals(new RetainedRange(2, 6), second.retained());
        assertEquals(6, second.head());
    }

    @Test
    void aBadRangeIsRefusedNamingItsValues() {
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class, () -> new RetainedRange(5, 3));
        assertTrue(bad.getMessage().contains("5..3"), bad.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new RetainedRange(-1, 3));
    }

    // --- retention ------------------------------------------------------------------------------

    @Test
    void openBelowTheRetainedCountIsTruncated() {
        EventStream stream = fresh(Retention.ofCount(5));
        appendNumbered(stream, 0, 8);
        read(stream, 7, 1, TYPES);
        Truncated truncated = assertThrows(Truncated.class, () -> stream.open(0, TYPES));
        assertEquals(0, truncated.requested());
        assertEquals(3, truncated.firstRetained());
        assertEquals(List.of(3L, 4L, 5L, 6L, 7L), offsets(read(stream, 3, 5, TYPES)));
    }

    @Test
    void aCursorOverrunByRetentionReportsTruncatedOrReadsOnWithoutGaps() {
        EventStream stream = fresh(Retention.ofCount(5));
        appendNumbered(stream, 0, 3);
        try (Cursor cursor = stream.open(0, TYPES)) {
            assertEquals(0, cursor.next(WAIT).orElseThrow().offset());
            appendNumbered(stream, 3, 20);
            read(stream, 19, 1, TYPES);
            long expected = 1;
            try {
                while (expected < 20) {
                    assertEquals(expected, cursor.next(WAIT).orElseThrow().offset());
                    expected++;
                }
                assertTrue(toleratesReadAhead(), "a cursor with nothing read ahead must see the truncation");
            } catch (Truncated truncated) {
                assertEquals(expected, truncated.requested());
                assertTrue(truncated.firstRetained() > expected && truncated.firstRetained() <= 15,
                        "first retained " + truncated.firstRetained());
            }
        }
    }

    @Test
    void retentionByAgeTruncatesOldEvents() {
        EventStream stream = fresh(Retention.ofCount(1_000).withMaxAge(Duration.ofMillis(300)));
        appendNumbered(stream, 0, 3);
        read(stream, 2, 1, TYPES);
        Instant deadline = Instant.now().plus(WAIT);
        Truncated truncated = null;
        while (truncated == null && Instant.now().isBefore(deadline)) {
            try {
                stream.open(0, TYPES).close();
                pause();
            } catch (Truncated t) {
                truncated = t;
            }
        }
        assertTrue(truncated != null, "events older than the age limit were dropped");
        assertTrue(stream.retained().first() >= truncated.firstRetained(), "the range moved on: " + stream.retained());
        assertTrue(truncated.firstRetained() >= 1 && truncated.firstRetained() <= 3, "first " + truncated.firstRetained());
        stream.append(event(PLACED, "fresh"));
        assertEquals("fresh", read(stream, 3, 1, TYPES).get(0).text());
    }

    // --- closing --------------------------------------------------------------------------------

    @Test
    void aClosedCursorRefusesNextAndASecondClose() {
        EventStream stream = fresh(Retention.ofCount(1_000));
        appendNumbered(stream, 0, 1);
        Cursor cursor = stream.open(0, TYPES);
        cursor.close();
        assertThrows(CursorClosed.class, () -> cursor.next(WAIT));
        assertThrows(CursorClosed.class, cursor::close);
    }

    @Test
    void closingACursorFromAnotherThreadWakesItsNext() throws Exception {
        EventStream stream = fresh(Retention.ofCount(1_000));
        Cursor cursor = stream.open(0, TYPES);
        Future<?> waiting = threads.submit(() -> cursor.next(WAIT));
        awaitBlocked(waiting);
        cursor.close();
        assertCursorClosed(waiting);
    }

    @Test
    void closingTheStreamClosesItsCursorsAndRefusesWork() throws Exception {
        EventStream stream = fresh(Retention.ofCount(1_000));
        Cursor idle = stream.open(0, TYPES);
        Cursor blocked = stream.open(0, TYPES);
        Future<?> waiting = threads.submit(() -> blocked.next(WAIT));
        awaitBlocked(waiting);
        stream.close();
        assertCursorClosed(waiting);
        assertThrows(CursorClosed.class, () -> idle.next(WAIT));
        assertThrows(CursorClosed.class, idle::close);
        assertThrows(StreamClosedException.class, () -> stream.open(0, TYPES));
        assertThrows(StreamClosedException.class, () -> stream.append(event(PLACED, "x")));
        assertThrows(StreamClosedException.class, stream::head);
        assertThrows(StreamClosedException.class, stream::retained);
        stream.close();
    }

    // --- one total order ------------------------------------------------------------------------

    @Test
    void concurrentAppendsFromSeveralThreadsKeepOneOrder() throws Exception {
        EventStream stream = fresh(Retention.ofCount(100_000));
        OneOrder.check(List.of(stream, stream, stream, stream), 60, threads);
    }

    @Test
    void concurrentAppendsFromSeveralInstancesKeepOneOrder() throws Exception {
        Retention retention = Retention.ofCount(100_000);
        EventStream first = fresh(retention);
        OneOrder.check(List.of(first, instance(retention), instance(retention), first), 60, threads);
    }

    // --- consuming -----------------------------------------------------------------------------

    @Test
    void aConsumerOfTypesTheStreamDoesNotCarryFailsAtOnceNamingThem() {
        EventStream stream = fresh(Retention.ofCount(10));
        RecordingHandler handler = new RecordingHandler(call -> false);
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> StreamConsumer.builder(stream, handler).types(Set.of(PLACED, "order.lost")).build());
        assertTrue(unknown.getMessage().contains("order.lost") && unknown.getMessage().contains(SHIPPED),
                unknown.getMessage());
        IllegalArgumentException none = assertThrows(IllegalArgumentException.class,
                () -> StreamConsumer.builder(stream, handler).types(Set.of()).build());
        assertTrue(none.getMessage().contains(PLACED), none.getMessage());
    }

    @Test
    void aConsumerWithAHandlerFailingEveryThirdCallHasEveryEffectOnce() throws Exception {
        EventStream stream = fresh(Retention.ofCount(1_000));
        appendNumbered(stream, 0, 30);
        RecordingHandler handler = new RecordingHandler(call -> call % 3 == 0);
        StreamConsumer consumer = StreamConsumer.builder(stream, handler).backoff(failures -> Duration.ofMillis(1))
                .pollInterval(Duration.ofMillis(50)).build();
        Future<?> running = threads.submit(() -> {
            consumer.run();
            return null;
        });
        Instant deadline = Instant.now().plus(WAIT);
        while (handler.recordedNext() < 30 && Instant.now().isBefore(deadline)) {
            pause();
        }
        consumer.stop();
        running.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertEquals(30, handler.recordedNext());
        handler.effects().forEach((offset, count) -> assertEquals(1, count, "effects of offset " + offset));
        assertEquals(30, handler.effects().size());
    }

    /** Whether a cursor may return events it fetched before retention dropped them (a client-side buffer). */
    protected boolean toleratesReadAhead() {
        return false;
    }

    // --- helpers --------------------------------------------------------------------------------

    public static NewEvent event(String type, String text) {
        return NewEvent.ofText(type, text);
    }

    public static void appendNumbered(EventStream stream, int from, int to) {
        List<NewEvent> batch = new ArrayList<>();
        for (int i = from; i < to; i++) {
            batch.add(event(List.of(PLACED, SHIPPED, CANCELLED).get(i % 3), "e" + i));
        }
        stream.append(batch);
    }

    /** Reads {@code count} events of {@code types} from {@code offset}, failing after {@link #WAIT}. */
    public static List<Event> read(EventStream stream, long offset, int count, Set<String> types) {
        Instant deadline = Instant.now().plus(WAIT);
        List<Event> events = new ArrayList<>(count);
        try (Cursor cursor = stream.open(offset, types)) {
            while (events.size() < count) {
                Optional<Event> next = cursor.next(deadline);
                if (next.isEmpty()) {
                    fail("read " + events.size() + " of " + count + " events from offset " + offset + " within " + WAIT);
                }
                events.add(next.get());
            }
        }
        return events;
    }

    protected static List<Long> offsets(List<Event> events) {
        return events.stream().map(Event::offset).toList();
    }

    private static List<String> texts(List<Event> events) {
        return events.stream().map(Event::text).toList();
    }

    private static void awaitBlocked(Future<?> waiting) throws InterruptedException {
        for (int i = 0; i < 5 && !waiting.isDone(); i++) {
            pause();
        }
        assertFalse(waiting.isDone(), "next() is waiting at the end of the stream");
    }

    private static void assertCursorClosed(Future<?> waiting) throws Exception {
        try {
            waiting.get(WAIT.toSeconds(), TimeUnit.SECONDS);
            fail("next() returned instead of reporting the closed cursor");
        } catch (java.util.concurrent.ExecutionException e) {
            assertTrue(e.getCause() instanceof CursorClosed, "CursorClosed, got " + e.getCause());
        }
    }

    private static void pause() {
        try {
            TimeUnit.MILLISECONDS.sleep(20);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
