package io.tributary.eventstream.jms;

import io.tributary.eventstream.Event;
import io.tributary.eventstream.EventStream;
import io.tributary.eventstream.EventStreamConformance;
import io.tributary.eventstream.OneOrder;
import io.tributary.eventstream.Retention;
import io.tributary.eventstream.StreamIdentity;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static io.tributary.eventstream.EventStreamConformance.TYPES;
import static io.tributary.eventstream.EventStreamConformance.appendNumbered;
import static io.tributary.eventstream.EventStreamConformance.read;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link JmsEventStream} when things die: the embedded broker restarted on its persistent journal, and
 * the active sequencer's connection killed in the middle of a transaction while other instances append.
 */
class JmsEventStreamFailureTest {

    private static final StreamIdentity LEDGER = new StreamIdentity("test", "ledger");
    private static final Retention RETENTION = Retention.ofCount(100_000);

    @TempDir
    Path dir;
    private final List<EventStream> streams = new ArrayList<>();
    private final ExecutorService threads = Executors.newCachedThreadPool();

    @AfterEach
    void close() throws InterruptedException {
        streams.forEach(EventStream::close);
        threads.shutdownNow();
        assertTrue(threads.awaitTermination(30, TimeUnit.SECONDS));
    }

    @Test
    void eventsAndOffsetsSurviveABrokerRestart() throws Exception {
        try (TestBroker broker = new TestBroker(dir)) {
            EventStream before = connect(broker);
            appendNumbered(before, 0, 40);
            List<Event> written = read(before, 0, 40, TYPES);
            broker.restart();
            EventStream after = connect(broker);
            assertEquals(written.subList(15, 40), read(after, 15, 25, TYPES));
            appendNumbered(after, 40, 41);
            Event next = read(after, 40, 1, TYPES).get(0);
            assertEquals("e40", next.text(), "the head was recovered: offsets go on from 40");
        }
    }

    @Test
    void appendsThatReturnedSurviveABrokerStopBeforeTheyWereSequenced() throws Exception {
        try (TestBroker broker = new TestBroker(dir)) {
            EventStream before = connect(broker);
            for (int i = 0; i < 200; i += 10) {
                appendNumbered(before, i, i + 10);
            }
            broker.restart();
            EventStream after = connect(broker);
            List<Event> events = read(after, 0, 200, TYPES);
            for (int i = 0; i < 200; i++) {
                assertEquals(i, events.get(i).offset());
                assertEquals("e" + i, events.get(i).text());
            }
        }
    }

    @Test
    void aSequencerKilledMidTransactionLosesAndDoublesNothing() throws Exception {
        SequencerKiller killer = new SequencerKiller(150);
        try (TestBroker broker = new TestBroker(dir, killer)) {
            EventStream first = connect(broker);
            first.append(EventStreamConformance.event(EventStreamConformance.PLACED, "warm-up"));
            read(first, 0, 1, TYPES);
            EventStream second = connect(broker);
            EventStream third = connect(broker);
            OneOrder.check(List.of(second, third, second, third), 100, threads, 1);
            assertNotNull(killer.killedSession(), "the active sequencer was killed during the appends");
        }
    }

    private EventStream connect(TestBroker broker) {
        EventStream stream = new JmsEventStream(broker.connectionFactory(), LEDGER, TYPES, RETENTION);
        streams.add(stream);
        return stream;
    }
}
