package io.tributary.console;

import io.tributary.stream.Message;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.util.HexFormat;

/**
 * A message as the console shows it: id, key, timestamp, attempt, priority, size and tags; in full also
 * the body, as text when it is well-formed UTF-8 and always as hex. Bodies are never deserialized.
 */
final class MessageJson {

    /** The most body bytes shown in full view. */
    static final int MAX_BODY_SHOWN = 64 * 1024;
    private static final int PREVIEW_CHARS = 80;

    private MessageJson() {
    }

    /** The summary of {@code m}: headers, tags and a short text preview. */
    static JsonObjectBuilder summary(Message m) {
        JsonObjectBuilder tags = Json.createObjectBuilder();
        m.tags().keySet().forEach(name -> tags.add(name, m.tag(name)));
        JsonObjectBuilder json = Json.createObjectBuilder()
                .add("id", m.id())
                .add("timestamp", m.timestamp().toString())
                .add("attempt", m.deliveryAttempt())
                .add("priority", m.priority())
                .add("size", m.size())
                .add("tags", tags);
        if (m.key() != null) {
            json.add("key", m.key());
        }
        if (m.isText()) {
            String text = m.text();
            json.add("preview", text.length() > PREVIEW_CHARS ? text.substring(0, PREVIEW_CHARS) + "..." : text);
        }
        return json;
    }

    /** {@code m} in full: its summary plus the body as text (when it is text) and hex, cut at 64 KiB. */
    static JsonObject full(Message m) {
        byte[] value = m.value();
        boolean cut = value.length > MAX_BODY_SHOWN;
        byte[] shown = cut ? java.util.Arrays.copyOf(value, MAX_BODY_SHOWN) : value;
        JsonObjectBuilder json = summary(m).add("hex", HexFormat.of().formatHex(shown)).add("cut", cut);
        if (m.isText()) {
            json.add("text", new String(shown, java.nio.charset.StandardCharsets.UTF_8));
        }
        return json.build();
    }
}
