package io.tributary.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tributary.config.TributaryConfig;
import io.tributary.stream.ConsumerOptions;
import io.tributary.stream.Subscription;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
        assertEquals("orders-in", s.name());
        assertFalse(s.topic());
        assertNull(s.subscription());
        assertEquals(10, s.batchSize());
        assertEquals(100, s.maxPending());
        assertEquals(1, s.maxInFlight());
        assertEquals(5, s.redelivery().maxAttempts());
    }

    @Test
    void aChannelBatchesAdaptivelyByDefault() {
        ConsumerOptions options = settings("destination", "queue://orders-in")
                .consumerOptions(TributaryConfig.of(Map.of()).consumerOptions());
        assertTrue(options.adaptiveBatching(), "a channel inherits tributary.consumer.linger-ms: " + options);
        assertEquals(10, options.batchSize(), "the channel's batch-size bounds its adaptive batches");
    }

    @Test
    void readsEveryAttribute() {
        ChannelSettings s = settings("destination", "queue://q", "batch-size", "3", "max-pending", "4",
                "max-attempts", "2", "backoff-initial-ms", "10", "backoff-max-ms", "20", "max-in-flight", "3");
        assertEquals(3, s.batchSize());
        assertEquals(3, s.maxInFlight());
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
        assertRejected("destination = 'fifo://x' has an unknown destination type", "destination", "fifo://x");
    }

    @Test
    void readsTopicWithSubscriptionDefaultingToTheChannel() {
        ChannelSettings s = settings("destination", "topic://prices");
        assertTrue(s.topic());
        assertEquals("prices", s.name());
        assertEquals(new Subscription("prices", "orders", true, true), s.subscription());
        ChannelSettings named = settings("destination", "topic://prices", "subscription", "audit", "durable", "false",
                "shared", "FALSE");
        assertEquals(new Subscription("prices", "audit", false, false), named.subscription());
        assertEquals("prices.audit", named.subscription().stream());
    }

    @Test
    void rejectsBadTopicAttributes() {
        assertRejected("subscription = 'a/b'", "destination", "topic://prices", "subscription", "a/b");
        assertRejected("durable = 'yes' is not a boolean", "destination", "topic://prices", "durable", "yes");
        assertRejected("shared = '1'", "destination", "topic://prices", "shared", "1");
        assertRejected("destination = 'topic://'", "destination", "topic://");
        assertRejected("destination = 'queue://a b'", "destination", "queue://a b");
    }

    @Test
    void rejectsNegativeZeroOrTooLargeConcurrency() {
        assertRejected("max-in-flight = '-1' is out of range: use 1 to 10", "destination", "queue://q", "max-in-flight", "-1");
        assertRejected("max-in-flight = '0'", "destination", "queue://q", "max-in-flight", "0");
        assertRejected("max-in-flight = '11'", "destination", "queue://q", "max-in-flight", "11");
        assertRejected("max-in-flight = 'many'", "destination", "queue://q", "max-in-flight", "many");
    }

    @Test
    void everyErrorNamesChannelKeyAndValue() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> settings("destination", "fifo://x"));
        assertEquals("channel 'orders': mp.messaging.*.orders.destination = 'fifo://x' has an unknown destination"
                + " type: use queue://<stream name> or topic://<topic name>", e.getMessage());
    }

    @Test
    void readmeTableListsEveryAttribute() throws Exception {
        String text = Files.readString(Path.of("docs/connector.md"), StandardCharsets.UTF_8);
        assertTrue(text.contains(ChannelAttribute.markdown()), "docs/connector.md's connector attribute table differs from"
                + " ChannelAttribute: paste ChannelAttribute.markdown()");
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
