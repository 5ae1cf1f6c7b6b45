package io.tributary.console;

import io.tributary.cdi.TributaryRuntime;
import io.tributary.config.ConfigKey;
import io.tributary.http.Roles;
import io.tributary.stream.StreamName;
import io.tributary.stream.jms.BrokerManagement;
import io.tributary.stream.jms.JmsDeadLetters;
import io.tributary.stream.jms.JmsStreams;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.util.ArrayList;
import java.util.List;

/**
 * The console's JSON admin API, role {@value #ROLE} only:
 * <ul>
 * <li>{@code GET /api/admin/overview}: the connection state, whether tracing is on, and one row per
 * stream and subscription ({@link QueueOverview});</li>
 * <li>{@code GET /api/admin/streams/{s}/dead-letters?offset&limit&filter&selector}: a page of dead letters
 * ({@link JmsDeadLetters#browse});</li>
 * <li>{@code GET /api/admin/streams/{s}/dead-letters/{id}}: one dead letter with its body (404 if none);</li>
 * <li>{@code POST .../dead-letters/redrive}, {@code .../delete} with {@code {"ids": [...], "confirm": s}}
 * (redrive also {@code {"all": true, "confirm": s}}), {@code POST .../dead-letters/purge} with
 * {@code {"confirm": s}}: each answers {@code {"count": n}};</li>
 * <li>{@code POST /api/admin/streams/{s}/pause} and {@code .../resume}: stop and restart delivery of the
 * stream's queue to all its consumers (messages keep arriving and wait).</li>
 * </ul>
 * Every action that changes messages or delivery must name the stream again in {@code confirm} (the page
 * asks the operator first) and is written to the {@link Audit} log. Broker views need the JMS transport
 * (409 with {@code tributary.transport=memory}). Request-scoped.
 */
@Path("/admin")
@RequestScoped
@RolesAllowed(AdminResource.ROLE)
@Produces(MediaType.APPLICATION_JSON)
public class AdminResource {

    /** The role allowed to use the console and this API. */
    public static final String ROLE = Roles.ADMIN;

    @Inject
    TributaryRuntime runtime;

    @Context
    SecurityContext security;

    @GET
    @Path("/overview")
    public JsonObject overview() {
        JmsStreams jms = jms();
        String deadLetterSuffix = runtime.config().text(ConfigKey.DEAD_LETTER_SUFFIX);
        try (BrokerManagement management = new BrokerManagement(runtime.connectionFactory())) {
            return Json.createObjectBuilder()
                    .add("connection", jms.connectionState().name())
                    .add("tracing", runtime.tracing().toString())
                    .add("streams", QueueOverview.read(management, deadLetterSuffix))
                    .build();
        }
    }

    @GET
    @Path("/streams/{stream}/dead-letters")
    public JsonObject deadLetters(@PathParam("stream") String stream,
            @QueryParam("offset") @DefaultValue("0") int offset, @QueryParam("limit") @DefaultValue("50") int limit, @QueryParam("filter") String filter,
            @QueryParam("selector") String selector) {
        JmsDeadLetters.Page page = deadLetters().browse(stream, offset, limit, selector, filter);
        JsonArrayBuilder letters = Json.createArrayBuilder();
        page.letters().forEach(m -> letters.add(MessageJson.summary(m)));
        return Json.createObjectBuilder().add("stream", stream).add("offset", offset).add("letters", letters)
                .add("more", page.more()).build();
    }

    @GET
    @Path("/streams/{stream}/dead-letters/{id}")
    public Response deadLetter(@PathParam("stream") String stream, @PathParam("id") String id) {
        return deadLetters().find(stream, id).map(m -> Response.ok(MessageJson.full(m)).build())
                .orElseGet(() -> Response.status(Response.Status.NOT_FOUND).entity(Json.createObjectBuilder()
                        .add("error", "no dead letter with id '" + id + "' in the dead letters of '" + stream + "'")
                        .build()).build());
    }

    @POST
    @Path("/streams/{stream}/dead-letters/redrive")
    @Consumes(MediaType.APPLICATION_JSON)
    public JsonObject redrive(@PathParam("stream") String stream, JsonObject request) {
        confirmed(stream, request);
        List<String> ids = request.getBoolean("all", false) ? null : ids(request);
        int count = ids == null ? deadLetters().redriveAll(stream) : deadLetters().redrive(stream, ids);
        return audited("redrive", stream, ids, count);
    }

    @POST
    @Path("/streams/{stream}/dead-letters/delete")
    @Consumes(MediaType.APPLICATION_JSON)
    public JsonObject delete(@PathParam("stream") String stream, JsonObject request) {
        confirmed(stream, request);
        List<String> ids = ids(request);
        return audited("delete", stream, ids, deadLetters().delete(stream, ids));
    }

    @POST
    @Path("/streams/{stream}/dead-letters/purge")
    @Consumes(MediaType.APPLICATION_JSON)
    public JsonObject purge(@PathParam("stream") String stream, JsonObject request) {
        confirmed(stream, request);
        return audited("purge", stream, null, deadLetters().purge(stream));
    }

    @POST
    @Path("/streams/{stream}/pause")
    @Consumes(MediaType.APPLICATION_JSON)
    public JsonObject pause(@PathParam("stream") String stream, JsonObject request) {
        return delivery(stream, request, true);
    }

    @POST
    @Path("/streams/{stream}/resume")
    @Consumes(MediaType.APPLICATION_JSON)
    public JsonObject resume(@PathParam("stream") String stream, JsonObject request) {
        return delivery(stream, request, false);
    }

    private JsonObject delivery(String stream, JsonObject request, boolean pause) {
        confirmed(stream, request);
        jms();
        try (BrokerManagement management = new BrokerManagement(runtime.connectionFactory())) {
            if (pause) {
                management.pause(stream);
            } else {
                management.resume(stream);
            }
        }
        return audited(pause ? "pause" : "resume", stream, null, 0);
    }

    private JsonObject audited(String action, String stream, List<String> ids, int count) {
        Audit.record(user(security), action, stream, ids, count);
        return Json.createObjectBuilder().add("action", action).add("stream", stream).add("count", count).build();
    }

    private JmsStreams jms() {
        return runtime.jmsStreams().orElseThrow(() -> failure(Response.Status.CONFLICT, "the console's broker views"
                + " need tributary.transport=jms (the transport is memory)"));
    }

    /** A failure answering {@code status} with {@code {"error": message}}. */
    static WebApplicationException failure(Response.Status status, String message) {
        return new WebApplicationException(Response.status(status).type(MediaType.APPLICATION_JSON)
                .entity(Json.createObjectBuilder().add("error", message).build()).build());
    }

    private JmsDeadLetters deadLetters() {
        JmsStreams jms = jms();
        return new JmsDeadLetters(runtime.connectionFactory(), jms::deadLetterStream);
    }

    /** The name of the caller, for the audit log. */
    static String user(SecurityContext security) {
        return security.getUserPrincipal() == null ? "anonymous" : security.getUserPrincipal().getName();
    }

    /** Refuses the request unless it names {@code stream} (a valid stream name) in {@code confirm}. */
    static void confirmed(String stream, JsonObject request) {
        StreamName.check(stream);
        confirmed("messages of '" + stream + "'", stream, request);
    }

    /** Refuses the request, which changes {@code what}, unless it names {@code name} in {@code confirm}. */
    static void confirmed(String what, String name, JsonObject request) {
        if (request == null || !name.equals(request.getString("confirm", null))) {
            throw new IllegalArgumentException("this action changes " + what + ": confirm it by sending"
                    + " {\"confirm\": \"" + name + "\"} with the request");
        }
    }

    private static List<String> ids(JsonObject request) {
        JsonValue value = request.get("ids");
        if (!(value instanceof JsonArray array) || array.isEmpty()) {
            throw new IllegalArgumentException("\"ids\" must be a non-empty array of message ids (or use"
                    + " \"all\": true where allowed)");
        }
        List<String> ids = new ArrayList<>(array.size());
        for (JsonValue v : array) {
            if (!(v instanceof JsonString s)) {
                throw new IllegalArgumentException("\"ids\" holds " + v + ": every id must be a string");
            }
            ids.add(s.getString());
        }
        return ids;
    }
}
