package io.tributary.eventstream.memory;

import io.tributary.eventstream.Cursor;
import io.tributary.eventstream.EventStream;
import io.tributary.eventstream.EventStreamConformance;
import io.tributary.eventstream.Retention;
import io.tributary.eventstream.StreamIdentity;
import io.tributary.eventstream.Truncated;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The conformance suite on {@link MemoryEventStream}, plus its exact retention behaviour. */
class MemoryEventStreamTest extends EventStreamConformance {

    private final Map<StreamIdentity, EventStream> streams = new HashMap<>();

    @Override
    protected EventStream connect(StreamIdentity identity, Set<String> types, Retention retention) {
        return streams.computeIfAbsent(identity, id -> new MemoryEventStream(id, types, retention));
    }

    @Test
    void aCursorOverrunByRetentionIsTruncatedAtTheNewStart() {
        MemoryEventStream stream = new MemoryEventStream(new StreamIdentity("test", "overrun"), TYPES, Retention.ofCount(4));
        appendNumbered(stream, 0, 2);
        try (Cursor cursor = stream.open(0, TYPES)) {
            assertEquals(0, cursor.next(WAIT).orElseThrow().offset());
            appendNumbered(stream, 2, 10);
            Truncated truncated = assertThrows(Truncated.class, () -> cursor.next(WAIT));
            assertEquals(1, truncated.requested());
            assertEquals(6, truncated.firstRetained());
        }
        assertEquals(6, stream.retained().first());
        assertEquals(10, stream.head());
    }

    @Test
    void ageRetentionFollowsTheStreamClock() {
        MutableClock clock = new MutableClock();
        MemoryEventStream stream = new MemoryEventStream(new StreamIdentity("test", "aged"), TYPES,
                Retention.ofCount(100).withMaxAge(Duration.ofMinutes(1)), clock);
        appendNumbered(stream, 0, 2);
        clock.now = clock.now.plusSeconds(30);
        appendNumbered(stream, 2, 3);
        clock.now = clock.now.plusSeconds(31);
        assertEquals(2, stream.retained().first());
        assertEquals(2, assertThrows(Truncated.class, () -> stream.open(1, TYPES)).firstRetained());
        assertEquals("e2", read(stream, 2, 1, TYPES).get(0).text());
    }

    @Test
    void theLogGrowsPastItsFirstSlotsAndKeepsOffsets() {
        MemoryEventStream stream = new MemoryEventStream(new StreamIdentity("test", "grow"), TYPES, Retention.ofCount(100));
        for (int i = 0; i < 130; i += 10) {
            appendNumbered(stream, i, i + 10);
        }
        assertEquals(30, stream.retained().first());
        assertEquals(offsetsFrom(30, 100), offsets(read(stream, 30, 100, TYPES)));
    }

    private static java.util.List<Long> offsetsFrom(long first, int count) {
        return java.util.stream.LongStream.range(first, first + count).boxed().toList();
    }

    private static final class MutableClock extends Clock {
        private Instant now = Instant.parse("2026-01-01T00:00:00Z");

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
