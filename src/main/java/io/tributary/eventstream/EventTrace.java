package io.tributary.eventstream;

import io.tributary.stream.Message;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The W3C trace context (<a href="https://www.w3.org/TR/trace-context/">Trace Context</a>) an event
 * carries from the code that appended it to the code that handles it: a {@code traceparent} and a
 * {@code tracestate}, each absent or 1 to {@value #MAX_CHARS} printable ASCII characters. Tributary's
 * tracing ({@code io.tributary.tracing}) writes it on append and reads it on handling; the streams store
 * it with the event (on Artemis as the string properties {@value Message#TRACEPARENT_TAG} and
 * {@value Message#TRACESTATE_TAG} of the retained message). It is metadata: it does not take part in
 * the equality of events.
 *
 * <p>{@link #of} refuses a value that is not allowed; {@link #lenient} (for what was read back from
 * storage, possibly written by another client) leaves it out instead, so a stranger's malformed context
 * never makes an event unreadable. Immutable and thread safe.
 */
public final class EventTrace {

    /** The longest {@code traceparent} or {@code tracestate} an event carries, in characters. */
    public static final int MAX_CHARS = 512;
    /** No trace context: the event flows untraced. */
    public static final EventTrace NONE = new EventTrace(null, null);

    private final String traceparent;
    private final String tracestate;

    private EventTrace(String traceparent, String tracestate) {
        this.traceparent = traceparent;
        this.tracestate = tracestate;
    }

    /**
     * The context of these headers ({@code null} for an absent one).
     *
     * @throws IllegalArgumentException naming the header and its value when it is empty, longer than
     *                                  {@value #MAX_CHARS} characters or not printable ASCII
     */
    public static EventTrace of(String traceparent, String tracestate) {
        return new EventTrace(checked(Message.TRACEPARENT_TAG, traceparent), checked(Message.TRACESTATE_TAG, tracestate));
    }

    /** The context of these headers, leaving out each one that {@link #of} would refuse; never throws. */
    public static EventTrace lenient(String traceparent, String tracestate) {
        String parent = allowed(traceparent) ? traceparent : null;
        String state = allowed(tracestate) ? tracestate : null;
        return parent == null && state == null ? NONE : new EventTrace(parent, state);
    }

    /** Whether there is no header. */
    public boolean isEmpty() {
        return traceparent == null && tracestate == null;
    }

    /** The headers present, by name ({@value Message#TRACEPARENT_TAG}, {@value Message#TRACESTATE_TAG}). */
    public Map<String, String> headers() {
        Map<String, String> headers = new LinkedHashMap<>(2);
        if (traceparent != null) {
            headers.put(Message.TRACEPARENT_TAG, traceparent);
        }
        if (tracestate != null) {
            headers.put(Message.TRACESTATE_TAG, tracestate);
        }
        return headers;
    }

    /** The {@code traceparent}, or {@code null}. */
    public String traceparent() {
        return traceparent;
    }

    /** The {@code tracestate}, or {@code null}. */
    public String tracestate() {
        return tracestate;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof EventTrace t && Objects.equals(traceparent, t.traceparent)
                && Objects.equals(tracestate, t.tracestate);
    }

    @Override
    public int hashCode() {
        return Objects.hash(traceparent, tracestate);
    }

    @Override
    public String toString() {
        return isEmpty() ? "no trace context" : "trace context " + headers();
    }

    private static String checked(String name, String value) {
        if (value != null && !allowed(value)) {
            String shown = value.length() > 80 ? value.substring(0, 80) + "... (" + value.length() + " characters)" : value;
            throw new IllegalArgumentException("event " + name + " '" + shown.replaceAll("[^\\x20-\\x7E]", "?")
                    + "' is not allowed: use 1 to " + MAX_CHARS + " printable ASCII characters, or none");
        }
        return value;
    }

    private static boolean allowed(String value) {
        if (value == null || value.isEmpty() || value.length() > MAX_CHARS) {
            return false;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 || c > 0x7E) {
                return false;
            }
        }
        return true;
    }
}
