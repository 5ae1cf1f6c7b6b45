package io.tributary.eventstream;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;

/**
 * One event of a stream, as a cursor returns it: its offset (dense, 0-based, per stream), its type
 * name, its payload bytes, the time it joined the stream (was given its offset) and the
 * {@link EventTrace trace context} it was appended with ({@link EventTrace#NONE} when none, or when it
 * was malformed).
 *
 * <p>Immutable; {@link #payload()} hands out a copy. Two events are equal when offset, type, payload
 * and timestamp are (the trace context is metadata and does not count).
 */
public final class Event {

    private final long offset;
    private final String type;
    private final byte[] payload;
    private final Instant timestamp;
    private final EventTrace trace;

    Event(long offset, String type, byte[] payload, Instant timestamp, EventTrace trace) {
        if (offset < 0) {
            throw new IllegalArgumentException("event offset " + offset + " is not allowed: use 0 or more");
        }
        this.offset = offset;
        this.type = NewEvent.checkType(type);
        this.payload = Objects.requireNonNull(payload, "payload");
        this.timestamp = Objects.requireNonNull(timestamp, "timestamp");
        this.trace = Objects.requireNonNull(trace, "trace");
    }

    /** An event read back from storage: offset, type, a copy of the payload and the time it joined. */
    public static Event of(long offset, String type, byte[] payload, Instant timestamp) {
        return new Event(offset, type, payload.clone(), timestamp, EventTrace.NONE);
    }

    /** This event carrying {@code trace} instead of its trace context. */
    public Event withTrace(EventTrace trace) {
        return new Event(offset, type, payload, timestamp, trace);
    }

    /** The trace context the event was appended with; {@link EventTrace#NONE} if none. */
    public EventTrace trace() {
        return trace;
    }

    /** The event's offset in its stream. */
    public long offset() {
        return offset;
    }

    /** The event's type name. */
    public String type() {
        return type;
    }

    /** A copy of the payload. */
    public byte[] payload() {
        return payload.clone();
    }

    /** The payload decoded as UTF-8. */
    public String text() {
        return new String(payload, StandardCharsets.UTF_8);
    }

    /** The time the event joined the stream; retention by age counts from here. */
    public Instant timestamp() {
        return timestamp;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Event e && offset == e.offset && type.equals(e.type) && Arrays.equals(payload, e.payload)
                && timestamp.equals(e.timestamp);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(offset) * 31 + type.hashCode();
    }

    @Override
    public String toString() {
        return "Event[" + offset + ", " + type + ", " + payload.length + " bytes, " + timestamp + "]";
    }
}
