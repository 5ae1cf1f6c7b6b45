package io.tributary.eventstream.memory;

import io.tributary.eventstream.Event;

/**
 * The retained events of one in-memory stream: a ring of at most {@code capacity} slots, grown by
 * doubling as events arrive, indexed by offset. Adding to a full log drops the oldest event. Not thread
 * safe: the owning stream guards it with its lock.
 */
final class EventLog {

    private static final int INITIAL_SLOTS = 16;

    private final int capacity;
    private Event[] slots;
    private long start;
    private long end;

    EventLog(int capacity) {
        this.capacity = capacity;
        this.slots = new Event[Math.min(capacity, INITIAL_SLOTS)];
    }

    /** The first retained offset (equal to {@link #end()} when empty). */
    long start() {
        return start;
    }

    /** The offset the next event gets. */
    long end() {
        return end;
    }

    boolean isEmpty() {
        return start == end;
    }

    /** Adds the event at offset {@link #end()}, dropping the oldest if the log is full. */
    void add(Event event) {
        if (event.offset() != end) {
            throw new IllegalStateException("event offset " + event.offset() + " does not follow " + end);
        }
        if (end - start == capacity) {
            dropFirst();
        }
        if (end - start == slots.length) {
            grow();
        }
        slots[index(end)] = event;
        end++;
    }

    /** The event at {@code offset}, which must be retained. */
    Event get(long offset) {
        return slots[index(offset)];
    }

    /** Drops the oldest retained event. */
    void dropFirst() {
        slots[index(start)] = null;
        start++;
    }

    private int index(long offset) {
        return (int) (offset % slots.length);
    }

    private void grow() {
        Event[] bigger = new Event[(int) Math.min(capacity, slots.length * 2L)];
        for (long offset = start; offset < end; offset++) {
            bigger[(int) (offset % bigger.length)] = get(offset);
        }
        slots = bigger;
    }
}
