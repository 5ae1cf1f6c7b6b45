package io.tributary.http;

import io.opentelemetry.context.Scope;
import io.tributary.cdi.TributaryRuntime;
import io.tributary.config.ConfigKey;
import io.tributary.config.TributaryConfig;
import io.tributary.stream.Consumer;
import io.tributary.stream.Message;
import io.tributary.stream.StreamName;
import io.tributary.stream.StreamTimeoutException;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

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
 * Streams over HTTP, for clients that do not speak JMS.
 *
 * <ul>
 * <li>{@code POST /api/streams/{stream}/messages}: the body is the value, the optional header
 * {@value #KEY_HEADER} the key. Answers 202 with the message id once the broker durably accepted it; 413
 * when the body is over {@code tributary.message.max-bytes}.</li>
 * <li>{@code POST /api/streams/{stream}/receive?max=N&waitMs=T}: up to N messages, waiting up to T ms
 * for the first, as a JSON array; they are acknowledged (committed) before the answer is sent, so the
 * bridge delivers at most once to the HTTP client.</li>
 * <li>{@code GET /api/streams/{stream}}: {@code {"stream": ..., "backlog": n}}.</li>
 * </ul>
 * A stream name outside {@link StreamName#PATTERN}, or a parameter out of range, answers 400 with an
 * explanation. Thread-safe (request-scoped).
 */
@Path("/streams/{stream}")
@RequestScoped
public class StreamResource {

    /** The request header carrying the message key. */
    public static final String KEY_HEADER = "Tributary-Key";

    @Inject
    TributaryRuntime runtime;

    @POST
    @Path("/messages")
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    public Response send(@PathParam("stream") String stream, @HeaderParam(KEY_HEADER) String key,
                         @Context HttpHeaders headers, InputStream body) throws IOException, InterruptedException {
        StreamName.check(stream);
        int limit = runtime.config().integer(ConfigKey.MESSAGE_MAX_BYTES);
        byte[] value = body.readNBytes(limit + 1);
        if (value.length > limit) {
            return Errors.json(Response.Status.REQUEST_ENTITY_TOO_LARGE, "the body is over the limit of " + limit
                    + " bytes (tributary.message.max-bytes)");
        }
        Message message = Message.builder().value(value).key(key == null || key.isEmpty() ? null : key).build();
        try (Scope trace = runtime.tracing().continueFrom(headers::getHeaderString);
             var producer = runtime.streams().producer(stream)) {
            Duration timeout = runtime.config().producerOptions().sendTimeout();
            producer.send(message).toCompletableFuture().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new StreamTimeoutException("the broker did not confirm message " + message.id() + " in time");
        } catch (ExecutionException e) {
            throw Errors.unwrap(e);
        }
        JsonObject answer = Json.createObjectBuilder().add("stream", stream).add("id", message.id()).build();
        return Response.accepted(answer).build();
    }

    @POST
    @Path("/receive")
    @Produces(MediaType.APPLICATION_JSON)
    public Response receive(@PathParam("stream") String stream, @QueryParam("max") @DefaultValue("10") int max,
                            @QueryParam("waitMs") @DefaultValue("0") long waitMs) throws InterruptedException {
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
        return Response.ok(out.build()).build();
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public JsonObject describe(@PathParam("stream") String stream) {
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
