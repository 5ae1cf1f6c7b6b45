package io.tributary.eventstream;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The "one total order" check: concurrent producers, then every event read back once, in a valid order. */
public final class OneOrder {

    private OneOrder() {
    }

    /**
     * Each producer appends {@code appends} batches of 1-3 events; then every event is read back once,
     * offsets dense from 0, each producer's events in its order, each batch contiguous.
     */
    public static void check(List<EventStream> producers, int appends, ExecutorService threads) throws Exception {
        check(producers, appends, threads, 0);
    }

    /** As {@link #check(List, int, ExecutorService)} on a stream whose first {@code start} offsets are taken. */
    public static void check(List<EventStream> producers, int appends, ExecutorService threads, long start)
            throws Exception {
        List<Future<?>> done = new ArrayList<>();
        int total = 0;
        for (int p = 0; p < producers.size(); p++) {
            EventStream producer = producers.get(p);
            int id = p;
            done.add(threads.submit(() -> {
                for (int a = 0; a < appends; a++) {
                    List<NewEvent> batch = new ArrayList<>();
                    for (int e = 0; e <= a % 3; e++) {
                        batch.add(EventStreamConformance.event(EventStreamConformance.TYPES.stream().sorted().toList().get(e), id + ":" + a + ":" + e));
                    }
                    producer.append(batch);
                }
                return null;
            }));
            for (int a = 0; a < appends; a++) {
                total += a % 3 + 1;
            }
        }
        for (Future<?> f : done) {
            f.get(EventStreamConformance.WAIT.toSeconds(), TimeUnit.SECONDS);
        }
        List<Event> events = EventStreamConformance.read(producers.get(0), start, total, EventStreamConformance.TYPES);
        Map<Integer, String> lastOfProducer = new HashMap<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < events.size(); i++) {
            Event event = events.get(i);
            assertEquals(start + i, event.offset(), "offsets are dense");
            assertTrue(seen.add(event.text()), "no duplicate: " + event.text());
            String[] parts = event.text().split(":");
            int producer = Integer.parseInt(parts[0]);
            int append = Integer.parseInt(parts[1]);
            int index = Integer.parseInt(parts[2]);
            String previous = lastOfProducer.put(producer, event.text());
            if (index > 0) {
                assertEquals(producer + ":" + append + ":" + (index - 1), previous, "a batch is contiguous");
            } else if (previous != null) {
                assertTrue(Integer.parseInt(previous.split(":")[1]) == append - 1, "producer order: " + previous
                        + " then " + event.text());
            }
        }
        assertEquals(total, seen.size(), "every event once");
        try (Cursor cursor = producers.get(0).open(start + total, EventStreamConformance.TYPES)) {
            assertTrue(cursor.next(Duration.ofMillis(100)).isEmpty(), "nothing beyond the appended events");
        }
    }

}
