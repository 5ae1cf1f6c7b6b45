package io.tributary.eventstream;

import java.util.Arrays;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * An event to append: its type name and its payload bytes. The stream gives it an offset and a
 * timestamp when it joins the stream, turning it into an {@link Event}.
 *
 * <p>Payloads are bytes (text as UTF-8); never serialized Java objects. An event may carry the
 * {@link EventTrace trace context} of the code that appends it ({@link #withTrace}; Tributary's tracing
 * sets it), which the stream keeps with it. Immutable.
 */
public final class NewEvent {

    /** Type names allowed: safe as JMS property values and in logs. */
    public static final String TYPE_PATTERN = "[A-Za-z0-9._:/-]{1,200}";
    /** The largest payload accepted, in bytes. */
    public static final int MAX_PAYLOAD_BYTES = 1 << 20;

    private static final Pattern TYPE = Pattern.compile(TYPE_PATTERN);

    private final String type;
    private final byte[] payload;
    private final EventTrace trace;

    private NewEvent(String type, byte[] payload, EventTrace trace) {
        this.type = checkType(type);
        Objects.requireNonNull(payload, "payload");
        if (payload.length > MAX_PAYLOAD_BYTES) {
            throw new IllegalArgumentException("event payload of " + payload.length + " bytes is too large: use at most "
                    + MAX_PAYLOAD_BYTES + " bytes");
        }
        this.payload = payload.clone();
        this.trace = Objects.requireNonNull(trace, "trace");
    }

    /** An event of {@code type} carrying a copy of {@code payload}. */
    public static NewEvent of(String type, byte[] payload) {
        return new NewEvent(type, payload, EventTrace.NONE);
    }

    /** An event of {@code type} whose payload is the UTF-8 encoding of {@code text}. */
    public static NewEvent ofText(String type, String text) {
        return new NewEvent(type, Objects.requireNonNull(text, "text").getBytes(java.nio.charset.StandardCharsets.UTF_8),
                EventTrace.NONE);
    }

    /**
     * Returns {@code type} if it is a valid event type name.
     *
     * @throws IllegalArgumentException naming the value and {@link #TYPE_PATTERN} otherwise
     */
    public static String checkType(String type) {
        if (type == null || !TYPE.matcher(type).matches()) {
            throw new IllegalArgumentException("event type " + (type == null ? "null" : "'" + type + "'")
                    + " is not allowed: use 1 to 200 characters from A-Z, a-z, 0-9, '.', '_', ':', '/' and '-'");
        }
        return type;
    }

    /** The event's type name. */
    public String type() {
        return type;
    }

    /** A copy of the payload. */
    public byte[] payload() {
        return payload.clone();
    }

    /** The trace context the event carries; {@link EventTrace#NONE} unless set by {@link #withTrace}. */
    public EventTrace trace() {
        return trace;
    }

    /** This event carrying {@code trace} instead of its trace context. */
    public NewEvent withTrace(EventTrace trace) {
        return new NewEvent(type, payload, trace);
    }

    /** The payload's length in bytes. */
    public int size() {
        return payload.length;
    }

    /** This event with its place in the stream: {@code offset} and the time it joined (its trace context kept). */
    public Event at(long offset, java.time.Instant timestamp) {
        return new Event(offset, type, payload, timestamp, trace);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NewEvent e && type.equals(e.type) && Arrays.equals(payload, e.payload);
    }

    @Override
    public int hashCode() {
        return 31 * type.hashCode() + Arrays.hashCode(payload);
    }

    @Override
    public String toString() {
        return "NewEvent[" + type + ", " + payload.length + " bytes]";
    }
}
