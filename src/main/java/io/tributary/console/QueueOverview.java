package io.tributary.console;

import io.tributary.stream.jms.BrokerManagement;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The console's view of the broker's queues, one row per stream or topic subscription: its backlog
 * (waiting plus scheduled retries), in-flight (delivered, not yet acknowledged), consumers, the
 * broker's running totals of messages added and acknowledged (the page turns them into rates), the
 * retries waiting and scheduled so far, the dead letters waiting and dead-lettered so far (a nack is one or
 * the other), the age of the oldest waiting message, and whether
 * delivery is paused; the queues of an event stream are of kind {@code event stream}. A stream's retry
 * queue ({@value #RETRY_SUFFIX}) and dead-letter queue are folded into its row; the broker's own queues
 * ({@code activemq.*}, temporary queues, {@code DLQ}, {@code ExpiryQueue}) are left out. At most {@value #MAX_QUEUES} queues are read.
 */
final class QueueOverview {

    /** The most queues one overview reads. */
    static final int MAX_QUEUES = 500;
    private static final String RETRY_SUFFIX = "$retries";
    /** The queues of an event stream are named {@code tributary.events.<owner>.<name>.<part>}. */
    private static final String EVENT_STREAM_PREFIX = "tributary.events.";
    private static final String ALL = "{\"field\":\"\",\"operation\":\"\",\"value\":\"\",\"sortOrder\":\"asc\","
            + "\"sortColumn\":\"name\"}";

    private QueueOverview() {
    }

    /** The rows, by stream name, read through {@code management}. */
    static JsonArrayBuilder read(BrokerManagement management, String deadLetterSuffix) {
        Map<String, JsonObject> queues = new TreeMap<>();
        try (JsonReader reader = Json.createReader(new StringReader(management.listQueues(ALL, 1, MAX_QUEUES)))) {
            for (JsonValue v : reader.readObject().getJsonArray("data")) {
                JsonObject q = v.asJsonObject();
                String name = q.getString("name", "");
                if (!internal(name, q)) {
                    queues.put(name, q);
                }
            }
        }
        JsonArrayBuilder rows = Json.createArrayBuilder();
        for (Map.Entry<String, JsonObject> e : queues.entrySet()) {
            String name = e.getKey();
            if (name.endsWith(RETRY_SUFFIX) || (name.endsWith(deadLetterSuffix) && queues.containsKey(
                    name.substring(0, name.length() - deadLetterSuffix.length())))) {
                continue;
            }
            rows.add(row(management, name, e.getValue(), queues.get(name + RETRY_SUFFIX),
                    queues.get(name + deadLetterSuffix)));
        }
        return rows;
    }

    private static JsonObject row(BrokerManagement management, String name, JsonObject queue, JsonObject retries,
            JsonObject deadLetters) {
        long waiting = number(queue, "messageCount");
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("stream", name);
        row.put("kind", kind(name, queue));
        row.put("address", queue.getString("address", name));
        row.put("backlog", waiting + number(retries, "messageCount"));
        row.put("inFlight", number(queue, "deliveringCount"));
        row.put("consumers", number(queue, "consumerCount"));
        row.put("added", number(queue, "messagesAdded"));
        row.put("acked", number(queue, "messagesAcked"));
        row.put("retries", number(retries, "messageCount"));
        row.put("retried", number(retries, "messagesAdded"));
        row.put("deadLetters", number(deadLetters, "messageCount"));
        row.put("deadLettered", number(deadLetters, "messagesAdded"));
        row.put("oldestAgeMs", waiting > 0 ? management.firstMessageAge(name) : 0);
        row.put("paused", Boolean.parseBoolean(text(queue, "paused")));
        return Json.createObjectBuilder(row).build();
    }

    private static String kind(String name, JsonObject queue) {
        if (name.startsWith(EVENT_STREAM_PREFIX)) {
            return "event stream";
        }
        return "MULTICAST".equalsIgnoreCase(queue.getString("routingType", "")) ? "subscription" : "stream";
    }

    private static boolean internal(String name, JsonObject q) {
        return name.isEmpty() || name.startsWith("activemq.") || name.equals("DLQ") || name.equals("ExpiryQueue")
                || Boolean.parseBoolean(text(q, "temporary"));
    }

    /** A number the broker reports as a JSON number or string; 0 when absent or not a number. */
    static long number(JsonObject q, String field) {
        if (q == null || !q.containsKey(field)) {
            return 0;
        }
        try {
            return Long.parseLong(text(q, field));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static String text(JsonObject q, String field) {
        JsonValue v = q.get(field);
        if (v == null) {
            return "";
        }
        return v.getValueType() == JsonValue.ValueType.STRING ? q.getString(field) : v.toString();
    }
}
