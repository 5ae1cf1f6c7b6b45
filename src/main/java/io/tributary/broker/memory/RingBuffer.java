package io.tributary.broker.memory;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

/**
 * The slots of a {@link MemoryBroker}: a bounded ring of events with their owners, addressed by ever
 * growing positions. Not thread-safe: the broker's lock guards every call.
 *
 * <p>Positions {@code [head, read)} were handed out: each slot there is held by a batch, acked and
 * waiting for an earlier batch, dropped, or part of a returned range waiting for redelivery. Positions
 * {@code [read, tail)} were never handed out. {@code head} advances only over acked or dropped slots,
 * so space is freed, and acks reported, in publish order. At most {@code capacity} slots are used.
 *
 * @param <E> the event type
 */
final class RingBuffer<E> {

    private static final byte LIVE = 0;
    private static final byte ACKED = 1;
    private static final byte DROPPED = 2;

    /** A contiguous run of acked events of one owner, reported to it in publish order. */
    record Run(Object owner, int count) {
    }

    /** Positions {@code [start, end)} taken by a batch, and its live events. */
    record Taken<E>(long start, long end, List<E> events) {
    }

    private final int capacity;
    private final int mask;
    private final Object[] events;
    private final Object[] owners;
    private final byte[] states;
    /** Returned ranges {@code [start, end)}, disjoint, oldest first; at most capacity of them. */
    private final PriorityQueue<long[]> returned = new PriorityQueue<>(Comparator.comparingLong(r -> r[0]));
    private long head;
    private long read;
    private long tail;
    private int deliverable;

    RingBuffer(int capacity) {
        this.capacity = capacity;
        int size = Integer.highestOneBit(Math.max(1, capacity - 1)) << 1;
        this.mask = size - 1;
        this.events = new Object[size];
        this.owners = new Object[size];
        this.states = new byte[size];
    }

    boolean hasRoom() {
        return tail - head < capacity;
    }

    /** Whether nothing is buffered: every accepted event was acked or dropped. */
    boolean isEmpty() {
        return head == tail;
    }

    /** How many events a consumer could take now. */
    int deliverable() {
        return deliverable;
    }

    void put(Object owner, E event) {
        int i = (int) tail & mask;
        events[i] = event;
        owners[i] = owner;
        tail++;
        deliverable++;
    }

    /** Takes up to {@code n} live events, returned ones first; {@code null} if none is deliverable. */
    Taken<E> take(int n) {
        while (deliverable > 0) {
            long[] range = returned.poll();
            long start = range == null ? read : Math.max(range[0], head);
            long limit = range == null ? tail : range[1];
            List<E> out = new ArrayList<>(Math.min(n, deliverable));
            long end = collect(start, limit, n, out);
            if (range == null) {
                read = end;
            } else if (end < limit) {
                returned.add(new long[] {end, limit});
            }
            if (!out.isEmpty()) {
                deliverable -= out.size();
                return new Taken<>(start, end, Collections.unmodifiableList(out));
            }
        }
        return null;
    }

    @SuppressWarnings("unchecked")
    private long collect(long from, long to, int n, List<E> out) {
        long p = from;
        for (; p < to && out.size() < n; p++) {
            int i = (int) p & mask;
            if (states[i] == LIVE) {
                out.add((E) events[i]);
            }
        }
        return p;
    }

    /** Gives a taken range back for redelivery, before newer events. */
    void giveBack(Taken<E> taken) {
        returned.add(new long[] {taken.start(), taken.end()});
        deliverable += taken.events().size();
    }

    /** Marks a taken range acked and frees what can be freed; returns the acked runs in publish order. */
    List<Run> ack(Taken<E> taken) {
        for (long p = taken.start(); p < taken.end(); p++) {
            int i = (int) p & mask;
            if (states[i] == LIVE) {
                states[i] = ACKED;
            }
        }
        return advance();
    }

    /**
     * Drops the live events of {@code owner} that no batch holds, adding them to {@code dropped} in
     * publish order; returns the acked runs that dropping them freed.
     */
    @SuppressWarnings("unchecked")
    List<Run> drop(Object owner, List<E> dropped) {
        List<long[]> ranges = new ArrayList<>(returned);
        ranges.add(new long[] {read, tail});
        ranges.sort(Comparator.comparingLong(r -> r[0]));
        for (long[] r : ranges) {
            for (long p = Math.max(r[0], head); p < r[1]; p++) {
                int i = (int) p & mask;
                if (states[i] == LIVE && owners[i] == owner) {
                    states[i] = DROPPED;
                    dropped.add((E) events[i]);
                }
            }
        }
        deliverable -= dropped.size();
        return advance();
    }

    private List<Run> advance() {
        List<Run> runs = new ArrayList<>(1);
        Object owner = null;
        int count = 0;
        for (; head < tail; head++) {
            int i = (int) head & mask;
            byte state = states[i];
            if (state == LIVE) {
                break;
            }
            if (state == ACKED) {
                if (owners[i] != owner && count > 0) {
                    runs.add(new Run(owner, count));
                    count = 0;
                }
                owner = owners[i];
                count++;
            }
            states[i] = LIVE;
            events[i] = null;
            owners[i] = null;
        }
        if (count > 0) {
            runs.add(new Run(owner, count));
        }
        read = Math.max(read, head);
        return runs;
    }
}
