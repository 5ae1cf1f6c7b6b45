package io.tributary.bench;

import io.tributary.eventstream.Cursor;
import io.tributary.eventstream.EventStream;
import io.tributary.eventstream.NewEvent;
import io.tributary.eventstream.Retention;
import io.tributary.eventstream.StreamIdentity;
import io.tributary.eventstream.jms.JmsEventStream;
import io.tributary.eventstream.memory.MemoryEventStream;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Set;

/**
 * The event stream, in memory ({@link MemoryEventStream}) or on the benchmark's Artemis ({@link JmsEventStream}):
 * {@code append} times appending {@value #BATCH} 64-byte events per call; {@code replay} appends untimed, then
 * times reading them all back from offset 0 through one cursor. Memory: 200,000 events (quick) or 1,000,000;
 * JMS: a quarter of the mode's message count.
 */
final class EventStreamScenario extends NamedScenario {

    private static final String TYPE = "bench.event";
    private static final int BATCH = 100;

    private final boolean jms;
    private final boolean replay;

    EventStreamScenario(boolean jms, boolean replay) {
        super("tributary", "eventstream-" + (replay ? "replay-" : "append-") + (jms ? "jms" : "memory"), null);
        this.jms = jms;
        this.replay = replay;
    }

    @Override
    public Measurement run(Bench bench) throws Exception {
        int events = jms ? Math.max(BATCH, bench.count() / 4) : bench.quick() ? 200_000 : 1_000_000;
        events -= events % BATCH;
        try (EventStream stream = open(bench, events)) {
            long start = System.nanoTime();
            List<NewEvent> batch = Collections.nCopies(BATCH, NewEvent.of(TYPE, new byte[64]));
            for (int i = 0; i < events; i += BATCH) {
                stream.append(batch);
            }
            if (replay) {
                start = System.nanoTime();
                readAll(stream, events);
            }
            return Measurement.rate(events, start).withNote(events + " events of 64 bytes"
                    + (replay ? ", one cursor from offset 0" : ", " + BATCH + " per append call"));
        }
    }

    private EventStream open(Bench bench, int events) {
        StreamIdentity identity = new StreamIdentity("bench", bench.freshQueue());
        Retention retention = Retention.ofCount(events);
        return jms ? new JmsEventStream(bench.factory(), identity, Set.of(TYPE), retention)
                : new MemoryEventStream(identity, Set.of(TYPE), retention);
    }

    private static void readAll(EventStream stream, int events) {
        try (Cursor cursor = stream.open(0, Set.of(TYPE))) {
            for (int i = 0; i < events; i++) {
                if (cursor.next(Duration.ofSeconds(30)).isEmpty()) {
                    throw new IllegalStateException("no event at offset " + i + " of " + events + " within 30 s");
                }
            }
        }
    }
}
