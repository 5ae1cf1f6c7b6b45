package io.tributary.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ChannelSettingsTest {

    private static ChannelSettings settings(String... kv) {
        Map<String, String> m = new HashMap<>();
        m.put("channel-name", "orders");
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return ChannelSettings.from(new MapConfig(m));
    }

    private static void assertRejected(String expected, String... kv) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> settings(kv));
        assertTrue(e.getMessage().contains("orders") && e.getMessage().contains(expected), e.getMessage());
    }

    @Test
    void readsQueueDestinationAndDefaults() {
        ChannelSettings s = settings("destination", "queue://orders-in");
        assertEquals("orders-in", s.stream());
        assertEquals(10, s.batchSize());
        assertEquals(100, s.maxPending());
        assertEquals(5, s.redelivery().maxAttempts());
    }

    @Test
    void readsEveryAttribute() {
        ChannelSettings s = settings("destination", "queue://q", "batch-size", "3", "max-pending", "4",
                "max-attempts", "2", "backoff-initial-ms", "10", "backoff-max-ms", "20");
        assertEquals(3, s.batchSize());
        assertEquals(4, s.maxPending());
        assertEquals(2, s.redelivery().maxAttempts());
        assertEquals(Duration.ofMillis(10), s.redelivery().initialDelay());
        assertEquals(Duration.ofMillis(20), s.redelivery().maxDelay());
    }

    @Test
    void rejectsMissingDestination() {
        assertRejected("destination is required");
    }

    @Test
    void rejectsUnknownDestinationType() {
        assertRejected("'fifo://x'", "destination", "fifo://x");
    }

    @Test
    void rejectsTopicsAsNotSupportedYet() {
        assertRejected("not supported yet", "destination", "topic://x");
    }

    @Test
    void rejectsBatchLargerThanMaxPending() {
        assertRejected("batch-size = '50'", "destination", "queue://q", "max-pending", "20", "batch-size", "50");
    }

    @Test
    void rejectsNegativeAndNonNumericValues() {
        assertRejected("max-attempts = '-1'", "destination", "queue://q", "max-attempts", "-1");
        assertRejected("backoff-initial-ms = 'soon'", "destination", "queue://q", "backoff-initial-ms", "soon");
    }
}
