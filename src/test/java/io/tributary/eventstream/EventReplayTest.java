package io.tributary.eventstream;

import io.tributary.eventstream.memory.MemoryEventStream;
import io.tributary.stream.Consumer;
import io.tributary.stream.Message;
import io.tributary.stream.Producer;
import io.tributary.stream.memory.MemoryStreams;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static io.tributary.eventstream.EventStreamConformance.TYPES;
import static io.tributary.eventstream.EventStreamConformance.appendNumbered;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link EventReplay} from the reference event stream into the in-memory message streams: the events of a
 * range arrive in offset order with their payload and tags, a replay stops at the head and at its limit,
 * and an offset outside the retained range or a bad limit is refused before anything is sent.
 */
class EventReplayTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private final MemoryStreams streams = new MemoryStreams();
    private final MemoryEventStream ledger = new MemoryEventStream(new StreamIdentity("shop", "ledger"), TYPES,
            Retention.ofCount(8));

    @AfterEach
    void close() {
        ledger.close();
        streams.close();
    }

    @Test
    void copiesTheRangeInOffsetOrderWithTagsAndStopsAtTheHead() throws Exception {
        appendNumbered(ledger, 0, 6);
        EventReplay.Result result;
        try (Producer producer = streams.producer("replayed")) {
            result = EventReplay.replay(ledger, 2, 100, producer, WAIT);
        }
        assertEquals(new EventReplay.Result(2, 6, 4), result);
        List<Message> copied = receive("replayed", 4);
        assertEquals(List.of("e2", "e3", "e4", "e5"), copied.stream().map(Message::text).toList());
        assertEquals(List.of("2", "3", "4", "5"), copied.stream().map(m -> m.tag(EventReplay.OFFSET_TAG)).toList());
        assertEquals("shop/ledger", copied.get(0).tag(EventReplay.STREAM_TAG));
        assertEquals(EventStreamConformance.CANCELLED, copied.get(0).tag(EventReplay.TYPE_TAG));
        assertEquals(0, streams.backlog("replayed"), "nothing beyond the head");
    }

    @Test
    void aLimitCutsTheRangeAndTheNextReplayCarriesOn() throws Exception {
        appendNumbered(ledger, 0, 5);
        try (Producer producer = streams.producer("replayed")) {
            assertEquals(new EventReplay.Result(0, 2, 2), EventReplay.replay(ledger, 0, 2, producer, WAIT));
            assertEquals(new EventReplay.Result(2, 5, 3), EventReplay.replay(ledger, 2, 10, producer, WAIT));
            assertEquals(new EventReplay.Result(5, 5, 0), EventReplay.replay(ledger, 5, 10, producer, WAIT));
        }
        assertEquals(List.of("e0", "e1", "e2", "e3", "e4"), receive("replayed", 5).stream().map(Message::text).toList());
    }

    @Test
    void offsetsOutsideTheRetainedRangeAndBadLimitsAreRefusedNamingThem() throws Exception {
        appendNumbered(ledger, 0, 10);
        try (Producer producer = streams.producer("replayed")) {
            IllegalArgumentException dropped = assertThrows(IllegalArgumentException.class,
                    () -> EventReplay.replay(ledger, 1, 10, producer, WAIT));
            assertTrue(dropped.getMessage().contains("offset 1") && dropped.getMessage().contains("2 to 10"),
                    dropped.getMessage());
            IllegalArgumentException beyond = assertThrows(IllegalArgumentException.class,
                    () -> EventReplay.replay(ledger, 11, 10, producer, WAIT));
            assertTrue(beyond.getMessage().contains("offset 11"), beyond.getMessage());
            IllegalArgumentException limit = assertThrows(IllegalArgumentException.class,
                    () -> EventReplay.replay(ledger, 2, 10_001, producer, WAIT));
            assertTrue(limit.getMessage().contains("10001") && limit.getMessage().contains("1 to 10000"),
                    limit.getMessage());
            assertThrows(IllegalArgumentException.class, () -> EventReplay.replay(ledger, 2, 0, producer, WAIT));
        }
        assertEquals(0, streams.backlog("replayed"), "a refused replay sends nothing");
    }

    private List<Message> receive(String stream, int count) throws InterruptedException {
        List<Message> received = new ArrayList<>();
        try (Consumer consumer = streams.consumer(stream)) {
            while (received.size() < count) {
                List<Message> batch = consumer.receive(count - received.size(), WAIT);
                assertTrue(!batch.isEmpty(), "received " + received.size() + " of " + count + " within " + WAIT);
                batch.forEach(consumer::ack);
                received.addAll(batch);
            }
        }
        return received;
    }
}
