package io.tributary.eventstream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The trace context an event carries: what is allowed, what is refused with which error, what is dropped. */
class EventTraceTest {

    private static final String TRACEPARENT = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";

    @Test
    void ofRefusesAValueThatIsEmptyTooLongOrNotPrintableNamingItAndWhatIsAllowed() {
        IllegalArgumentException crlf = assertThrows(IllegalArgumentException.class,
                () -> EventTrace.of("00-\r\n", null));
        assertEquals("event traceparent '00-??' is not allowed: use 1 to 512 printable ASCII characters, or none",
                crlf.getMessage());
        IllegalArgumentException tooLong = assertThrows(IllegalArgumentException.class,
                () -> EventTrace.of(TRACEPARENT, "k=" + "v".repeat(600)));
        assertTrue(tooLong.getMessage().startsWith("event tracestate 'k=vvv"), tooLong.getMessage());
        assertTrue(tooLong.getMessage().contains("(602 characters)"), tooLong.getMessage());
        assertThrows(IllegalArgumentException.class, () -> EventTrace.of("", null));
    }

    @Test
    void lenientLeavesOutWhatOfWouldRefuse() {
        assertEquals(EventTrace.NONE, EventTrace.lenient("00-\r\n", "x".repeat(513)));
        assertEquals(EventTrace.of(TRACEPARENT, null), EventTrace.lenient(TRACEPARENT, "a=\u0000"));
        assertEquals(Map.of("traceparent", TRACEPARENT, "tracestate", "a=b"),
                EventTrace.lenient(TRACEPARENT, "a=b").headers());
        assertTrue(EventTrace.lenient(null, null).isEmpty());
    }

    @Test
    void anEventKeepsItsTraceFromAppendToReadAndItDoesNotCountForEquality() {
        EventTrace trace = EventTrace.of(TRACEPARENT, null);
        NewEvent appended = NewEvent.ofText("noted", "x").withTrace(trace);
        Instant now = Instant.now();
        Event event = appended.at(7, now);
        assertEquals(trace, event.trace());
        assertEquals(EventTrace.NONE, NewEvent.ofText("noted", "x").trace());
        assertEquals(Event.of(7, "noted", "x".getBytes(java.nio.charset.StandardCharsets.UTF_8), now), event);
    }
}
