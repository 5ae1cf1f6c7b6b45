package io.tributary.http;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonException;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The body of an ack or nack call: a JSON array of message ids (strings), or nothing for "every unsettled
 * message of the lease". Bounded: a body over {@value #MAX_BYTES} bytes or not of that shape is refused
 * with an {@link IllegalArgumentException} saying what is allowed (400). Stateless.
 */
final class MessageIds {

    /** The largest body read. */
    static final int MAX_BYTES = 1 << 20;

    private static final String ALLOWED = "send a JSON array of message ids such as [\"id-1\",\"id-2\"], or no body"
            + " for every unsettled message of the lease";

    private MessageIds() {
    }

    /** The ids listed in {@code body}; empty for an empty body. */
    static List<String> read(InputStream body) throws IOException {
        byte[] raw = body == null ? new byte[0] : body.readNBytes(MAX_BYTES + 1);
        if (raw.length > MAX_BYTES) {
            throw new IllegalArgumentException("the list of message ids is over " + MAX_BYTES + " bytes: " + ALLOWED);
        }
        String text = new String(raw, StandardCharsets.UTF_8).strip();
        if (text.isEmpty()) {
            return List.of();
        }
        JsonArray array;
        try {
            array = Json.createReader(new StringReader(text)).readArray();
        } catch (JsonException | IllegalStateException e) {
            throw new IllegalArgumentException("the body is not a JSON array of message ids: " + ALLOWED);
        }
        List<String> ids = new ArrayList<>(array.size());
        for (JsonValue v : array) {
            if (!(v instanceof JsonString s)) {
                throw new IllegalArgumentException("the body lists a " + v.getValueType() + ", which is not a message id"
                        + " string: " + ALLOWED);
            }
            ids.add(s.getString());
        }
        return ids;
    }
}
