package io.tributary.console;

import io.tributary.cdi.TributaryRuntime;
import io.tributary.eventstream.EventReplay;
import io.tributary.eventstream.EventStream;
import io.tributary.eventstream.StreamIdentity;
import io.tributary.stream.Producer;
import io.tributary.stream.StreamException;
import io.tributary.stream.StreamName;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;

/**
 * The console's view of the application's event streams, role {@value AdminResource#ROLE} only:
 * <ul>
 * <li>{@code GET /api/admin/event-streams}: one row per event stream the application has open (injected
 * or asked for so far): identity, types, retention, head, first retained offset and retained count, or the
 * reason they cannot be read now ({@code state});</li>
 * <li>{@code POST /api/admin/event-streams/{owner}/{name}/replay} with
 * {@code {"from": n, "limit": m, "to": "stream", "confirm": "stream"}}: copies up to {@code m} events
 * (default {@value #DEFAULT_LIMIT}, at most {@value EventReplay#MAX_EVENTS}) from offset {@code n} into the
 * message stream {@code to} ({@link EventReplay}), waiting at most {@value #REPLAY_SECONDS} s; answers
 * {@code {"count", "from", "next"}}.</li>
 * </ul>
 * A replay must name the target stream again in {@code confirm} and is written to the {@link Audit} log.
 * An unknown event stream is 404; bad input 400 naming the value. Works on both transports. Request-scoped.
 */
@Path("/admin/event-streams")
@RequestScoped
@RolesAllowed(AdminResource.ROLE)
@Produces(MediaType.APPLICATION_JSON)
public class EventStreamAdminResource {

    /** The events one replay copies unless the request says otherwise. */
    static final int DEFAULT_LIMIT = 1_000;
    /** How long one replay may take. */
    static final int REPLAY_SECONDS = 60;

    @Inject
    TributaryRuntime runtime;

    @Context
    SecurityContext security;

    @GET
    public JsonObject list() {
        JsonArrayBuilder rows = Json.createArrayBuilder();
        runtime.openEventStreams().stream().sorted(Comparator.comparing(s -> s.identity().toString()))
                .forEach(s -> rows.add(row(s)));
        return Json.createObjectBuilder().add("eventStreams", rows).build();
    }

    @POST
    @Path("/{owner}/{name}/replay")
    @Consumes(MediaType.APPLICATION_JSON)
    public JsonObject replay(@PathParam("owner") String owner, @PathParam("name") String name, JsonObject request)
            throws InterruptedException {
        EventStream source = find(new StreamIdentity(owner, name));
        String target = request == null ? null : request.getString("to", null);
        if (target == null) {
            throw new IllegalArgumentException("\"to\" must name the stream to replay into");
        }
        AdminResource.confirmed(target, request);
        long from = number(request, "from", -1);
        int limit = EventReplay.checkLimit(number(request, "limit", DEFAULT_LIMIT));
        EventReplay.Result result;
        try (Producer producer = runtime.streams().producer(target)) {
            result = EventReplay.replay(source, from, limit, producer, Duration.ofSeconds(REPLAY_SECONDS));
        }
        Audit.record(AdminResource.user(security), "replay", target, List.of("from " + source.identity() + " offsets "
                + result.from() + ".." + (result.next() - 1)), result.count());
        return Json.createObjectBuilder().add("action", "replay").add("stream", target)
                .add("count", result.count()).add("from", result.from()).add("next", result.next()).build();
    }

    private EventStream find(StreamIdentity identity) {
        return runtime.openEventStreams().stream().filter(s -> s.identity().equals(identity)).findFirst()
                .orElseThrow(() -> AdminResource.failure(Response.Status.NOT_FOUND, "no event stream '" + identity
                        + "' is open in this application"));
    }

    private static JsonObject row(EventStream stream) {
        JsonObjectBuilder row = Json.createObjectBuilder()
                .add("owner", stream.identity().owner())
                .add("name", stream.identity().name())
                .add("types", Json.createArrayBuilder(stream.eventTypes().stream().sorted().toList()))
                .add("maxEvents", stream.retention().maxEvents());
        stream.retention().maxAge().ifPresent(age -> row.add("maxAgeSeconds", age.toSeconds()));
        try {
            var range = stream.retained();
            row.add("state", "open").add("first", range.first()).add("head", range.head()).add("retained", range.count());
        } catch (StreamException e) {
            row.add("state", "unavailable: " + e.getMessage());
        }
        return row.build();
    }

    private static long number(JsonObject request, String field, long absent) {
        JsonValue value = request.get(field);
        if (value == null) {
            if (absent < 0) {
                throw new IllegalArgumentException("\"" + field + "\" must be given: the offset to replay from");
            }
            return absent;
        }
        if (!(value instanceof JsonNumber n) || !n.isIntegral()) {
            throw new IllegalArgumentException("\"" + field + "\" is " + value + ": it must be a whole number");
        }
        return n.longValue();
    }
}
