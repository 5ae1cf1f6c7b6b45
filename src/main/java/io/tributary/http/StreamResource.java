package io.tributary.http;

import io.opentelemetry.context.Scope;
import io.tributary.cdi.TributaryRuntime;
import io.tributary.config.ConfigKey;
import io.tributary.config.TributaryConfig;
import io.tributary.stream.Consumer;
import io.tributary.stream.Message;
import io.tributary.stream.StreamTimeoutException;
import jakarta.annotation.security.RolesAllowed;
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
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Streams over HTTP, for clients that do not speak JMS. Every call needs a login (HTTP Basic, users from
 * {@link BridgeUsers}) and a {@link Roles role}, and names a stream the bridge serves
 * ({@link BridgeStreams}); a refused call answers 401, 403 or 404 before anything is created, routed or
 * consumed.
 *
 * <ul>
 * <li>{@code POST /api/streams/{stream}/messages} ({@value Roles#SEND}): the body is the value, the
 * optional header {@value #KEY_HEADER} the key. Answers 202 with the message id once the broker durably
 * accepted it; 413 when the body is over {@code tributary.message.max-bytes}.</li>
 * <li>{@code POST /api/streams/{stream}/receive?max=N&waitMs=T} ({@value Roles#RECEIVE}): up to N
 * messages, waiting up to T ms for the first, as {@code {"lease": id, "expires": time, "messages": [...]}}.
 * At least once (the default, {@code mode=at-least-once}): the messages are leased for
 * {@code tributary.http.lease-ms} and settled by the calls below; unsettled when the lease ends, they are
 * delivered again. {@code mode=at-most-once}: they are acknowledged before the answer is sent (no lease),
 * so a lost answer loses them.</li>
 * <li>{@code POST /api/streams/{stream}/leases/{lease}/ack} and {@code .../nack?reason=R}
 * ({@value Roles#RECEIVE}): settle the messages whose ids the body lists as a JSON array, or every unsettled
 * message of the lease when the body is empty; a nack retries with backoff, then dead-letters. Answers
 * {@code {"lease", "settled", "unsettled"}}; 404 for a lease that is not open (unknown, settled or
 * expired).</li>
 * <li>{@code GET /api/streams/{stream}} (any role): {@code {"stream": ..., "backlog": n}}.</li>
 * </ul>
 * {@value Roles#ADMIN} may call everything. A parameter out of range answers 400 with an explanation.
 * Thread-safe (request-scoped).
 */
@Path("/streams/{stream}")
@RequestScoped
public class StreamResource {

    /** The request header carrying the message key. */
    public static final String KEY_HEADER = "Tributary-Key";
    /** The receive mode that leases messages until they are settled (the default). */
    public static final String AT_LEAST_ONCE = "at-least-once";
    /** The receive mode that acknowledges messages before answering. */
    public static final String AT_MOST_ONCE = "at-most-once";

    @Inject
    TributaryRuntime runtime;

    @Inject
    Bridge bridge;

    @POST
    @Path("/messages")
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.SEND, Roles.ADMIN})
    public Response send(@PathParam("stream") String stream, @HeaderParam(KEY_HEADER) String key,
                         @Context HttpHeaders headers, InputStream body) throws IOException, InterruptedException {
        bridge.streams().check(stream);
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
    @RolesAllowed({Roles.RECEIVE, Roles.ADMIN})
    public JsonObject receive(@PathParam("stream") String stream, @QueryParam("max") @DefaultValue("10") int max,
                              @QueryParam("waitMs") @DefaultValue("0") long waitMs,
                              @QueryParam("mode") @DefaultValue(AT_LEAST_ONCE) String mode)
            throws InterruptedException {
        bridge.streams().check(stream);
        TributaryConfig config = runtime.config();
        int maxBatch = config.integer(ConfigKey.HTTP_MAX_BATCH);
        int maxWait = config.integer(ConfigKey.HTTP_MAX_WAIT_MS);
        if (max < 1 || max > maxBatch) {
            throw new IllegalArgumentException("max=" + max + " is out of range: use 1 to " + maxBatch);
        }
        if (waitMs < 0 || waitMs > maxWait) {
            throw new IllegalArgumentException("waitMs=" + waitMs + " is out of range: use 0 to " + maxWait);
        }
        Duration wait = Duration.ofMillis(waitMs);
        if (AT_MOST_ONCE.equals(mode)) {
            try (Consumer consumer = runtime.streams().consumer(stream)) {
                List<Message> batch = consumer.receive(max, wait);
                JsonObject answer = answer(batch).build();
                batch.forEach(consumer::ack);
                return answer;
            }
        }
        if (!AT_LEAST_ONCE.equals(mode)) {
            throw new IllegalArgumentException("mode=" + mode + " is not allowed: use " + AT_LEAST_ONCE + " (leased"
                    + " until acked, the default) or " + AT_MOST_ONCE + " (acknowledged before the answer)");
        }
        Optional<Lease> lease = bridge.leases().receive(stream, max, wait);
        return lease.map(l -> answer(l.messages()).add("lease", l.id()).add("expires", l.expires().toString()))
                .orElseGet(() -> answer(List.of())).build();
    }

    @POST
    @Path("/leases/{lease}/ack")
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.RECEIVE, Roles.ADMIN})
    public JsonObject ack(@PathParam("stream") String stream, @PathParam("lease") String lease, InputStream body)
            throws IOException {
        return settle(stream, lease, body, true, null);
    }

    @POST
    @Path("/leases/{lease}/nack")
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.RECEIVE, Roles.ADMIN})
    public JsonObject nack(@PathParam("stream") String stream, @PathParam("lease") String lease,
                           @QueryParam("reason") @DefaultValue("nacked by the HTTP client") String reason,
                           InputStream body) throws IOException {
        return settle(stream, lease, body, false, reason);
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.SEND, Roles.RECEIVE, Roles.ADMIN})
    public JsonObject describe(@PathParam("stream") String stream) {
        bridge.streams().check(stream);
        return Json.createObjectBuilder().add("stream", stream).add("backlog", runtime.streams().backlog(stream))
                .build();
    }

    private JsonObject settle(String stream, String leaseId, InputStream body, boolean ack, String reason)
            throws IOException {
        bridge.streams().check(stream);
        Leases.Settled done = bridge.leases().settle(stream, leaseId, MessageIds.read(body), ack, reason);
        return Json.createObjectBuilder().add("lease", done.lease()).add("settled", done.settled())
                .add("unsettled", done.unsettled()).build();
    }

    private static JsonObjectBuilder answer(List<Message> batch) {
        JsonArrayBuilder messages = Json.createArrayBuilder();
        batch.forEach(m -> messages.add(toJson(m)));
        return Json.createObjectBuilder().add("messages", messages);
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
