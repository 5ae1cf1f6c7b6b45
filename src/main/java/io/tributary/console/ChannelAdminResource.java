package io.tributary.console;

import io.tributary.cdi.TributaryRuntime;
import io.tributary.messaging.InboundChannel;
import io.tributary.messaging.InboundChannels;
import io.tributary.stream.StreamException;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
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
import java.util.List;

/**
 * The console's view of the application's incoming connector channels ({@code tributary-jms}), role
 * {@value AdminResource#ROLE} only:
 * <ul>
 * <li>{@code GET /api/admin/channels}: one row per channel: its stream, the state of its receive loop,
 * whether it is paused, in flight, acked and nacked so far (the page turns them into rates), the stream's
 * backlog, and the broker connection's state;</li>
 * <li>{@code POST /api/admin/channels/{channel}/pause} and {@code .../resume} with
 * {@code {"confirm": channel}}: stop and restart handing its messages to the application
 * ({@link InboundChannel#pause()}); audited.</li>
 * </ul>
 * An unknown channel is 404. Request-scoped.
 */
@Path("/admin/channels")
@RequestScoped
@RolesAllowed(AdminResource.ROLE)
@Produces(MediaType.APPLICATION_JSON)
public class ChannelAdminResource {

    @Inject
    InboundChannels channels;

    @Inject
    TributaryRuntime runtime;

    @Context
    SecurityContext security;

    @GET
    public JsonObject list() {
        String connection = runtime.jmsStreams().map(j -> j.connectionState().name()).orElse("IN_MEMORY");
        JsonArrayBuilder rows = Json.createArrayBuilder();
        channels.all().forEach(c -> rows.add(row(c, connection)));
        return Json.createObjectBuilder().add("channels", rows).build();
    }

    @POST
    @Path("/{channel}/pause")
    @Consumes(MediaType.APPLICATION_JSON)
    public JsonObject pause(@PathParam("channel") String channel, JsonObject request) {
        return steer(channel, request, true);
    }

    @POST
    @Path("/{channel}/resume")
    @Consumes(MediaType.APPLICATION_JSON)
    public JsonObject resume(@PathParam("channel") String channel, JsonObject request) {
        return steer(channel, request, false);
    }

    private JsonObject steer(String name, JsonObject request, boolean pause) {
        InboundChannel channel = channels.find(name).orElseThrow(() -> AdminResource.failure(
                Response.Status.NOT_FOUND, "no incoming channel '" + name + "' of the tributary-jms connector in this"
                        + " application"));
        AdminResource.confirmed("the delivery of channel '" + name + "'", name, request);
        String action = pause ? "pause" : "resume";
        if (pause) {
            channel.pause();
        } else {
            channel.resume();
        }
        Audit.record(AdminResource.user(security), action + "-channel", channel.stream(), List.of(name), 0);
        return Json.createObjectBuilder().add("action", action).add("channel", name).add("paused", channel.paused())
                .build();
    }

    private static JsonObject row(InboundChannel c, String connection) {
        JsonObjectBuilder row = Json.createObjectBuilder()
                .add("channel", c.channel())
                .add("stream", c.stream())
                .add("state", c.state().name())
                .add("paused", c.paused())
                .add("inFlight", c.inFlight())
                .add("acked", c.acked())
                .add("nacked", c.nacked())
                .add("connection", connection);
        try {
            row.add("backlog", c.backlog());
        } catch (StreamException e) {
            row.add("backlog", -1).add("backlogError", String.valueOf(e.getMessage()));
        }
        return row.build();
    }
}
