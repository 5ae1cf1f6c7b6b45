package io.tributary.http;

import io.tributary.cdi.TributaryRuntime;
import io.tributary.config.ConfigKey;
import io.tributary.config.TributaryConfig;
import io.tributary.stream.Consumer;
import io.tributary.stream.Message;
import io.tributary.stream.StreamName;
import io.tributary.stream.StreamTimeoutException;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * What the HTTP bridge does, apart from HTTP: send one message, receive a batch, describe a stream, on
 * the application's {@link TributaryRuntime} streams, answering JSON. Bad input (a stream name outside
 * {@link StreamName#PATTERN}, a parameter out of range) throws {@link IllegalArgumentException} naming it;
 * a value over {@code tributary.message.max-bytes} throws {@link TooLarge}. Thread-safe: every call opens
 * and closes its own producer or consumer.
 */
final class StreamBridge {

    /** The value is over {@code tributary.message.max-bytes}. */
    static final class TooLarge extends RuntimeException {
        private static final long serialVersionUID = 1L;

        TooLarge(int limit) {
            super("the body is over the limit of " + limit + " bytes (" + ConfigKey.MESSAGE_MAX_BYTES.key() + ")");
        }
    }

    private final TributaryRuntime runtime;

    StreamBridge(TributaryRuntime runtime) {
        this.runtime = runtime;
    }

    /** Sends {@code body} (with {@code key}, may be null) to {@code stream}; returns once the broker has it. */
    JsonObject send(String stream, String key, InputStream body) throws IOException, InterruptedException {
        StreamName.check(stream);
        int limit = runtime.config().integer(ConfigKey.MESSAGE_MAX_BYTES);
        byte[] value = body.readNBytes(limit + 1);
        if (value.length > limit) {
            throw new TooLarge(limit);
        }
        Message message = Message.builder().value(value).key(key == null || key.isEmpty() ? null : key).build();
        try (var producer = runtime.streams().producer(stream)) {
            Duration timeout = runtime.config().producerOptions().sendTimeout();
            producer.send(message).toCompletableFuture().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new StreamTimeoutException("the broker did not confirm message " + message.id() + " in time");
        } catch (ExecutionException e) {
            throw Errors.unwrap(e);
        }
        return Json.createObjectBuilder().add("stream", stream).add("id", message.id()).build();
    }

    /** Up to {@code max} messages of {@code stream}, waiting up to {@code waitMs} for the first; acked. */
    JsonArray receive(String stream, int max, long waitMs) throws InterruptedException {
        StreamName.check(stream);
        TributaryConfig config = runtime.config();
        int maxBatch = config.integer(ConfigKey.HTTP_MAX_BATCH);
        int maxWait = config.integer(ConfigKey.HTTP_MAX_WAIT_MS);
        if (max < 1 || max > maxBatch) {
            throw new IllegalArgumentException("max=" + max + " is out of range: use 1 to " + maxBatch);
        }
        if (waitMs < 0 || waitMs > maxWait) {
            throw new IllegalArgumentException("waitMs=" + waitMs + " is out of range: use 0 to " + maxWait);
        }
        JsonArrayBuilder out = Json.createArrayBuilder();
        try (Consumer consumer = runtime.streams().consumer(stream)) {
            List<Message> batch = consumer.receive(max, Duration.ofMillis(waitMs));
            for (Message m : batch) {
                out.add(toJson(m));
            }
            batch.forEach(consumer::ack);
        }
        return out.build();
    }

    /** {@code {"stream": ..., "backlog": n}}. */
    JsonObject describe(String stream) {
        StreamName.check(stream);
        return Json.createObjectBuilder().add("stream", stream).add("backlog", runtime.streams().backlog(stream))
                .build();
    }

    private static JsonObject toJson(Message m) {
        JsonObjectBuilder b = Json.createObjectBuilder()
                .add("id", m.id())
                .add("timestamp", m.timestamp().toString())
                .add("attempt", m.deliveryAttempt())
                .add("value", Base64.getEncoder().encodeToString(m.value()));
        if (m.isText()) {
            b.add("text", m.text());
        }
        if (m.key() != null) {
            b.add("key", m.key());
        }
        JsonObjectBuilder tags = Json.createObjectBuilder();
        for (Map.Entry<String, byte[]> t : m.tags().entrySet()) {
            tags.add(t.getKey(), m.tag(t.getKey()));
        }
        return b.add("tags", tags).build();
    }
}
