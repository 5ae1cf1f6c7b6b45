package io.tributary.http;

import io.tributary.stream.StreamException;
import io.tributary.stream.StreamTimeoutException;
import jakarta.json.Json;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

import java.util.concurrent.ExecutionException;

/**
 * Maps failures to JSON answers {@code {"error": "..."}}: a refused bridge call its own status (403, 404,
 * 429, 503), bad input (IllegalArgumentException,
 * NullPointerException from validation) is 400, a broker that did not answer in time is 503, another
 * broker failure 502.
 */
@Provider
public class Errors implements ExceptionMapper<RuntimeException> {

    @Override
    public Response toResponse(RuntimeException e) {
        if (e instanceof jakarta.ws.rs.WebApplicationException w) {
            return w.getResponse();
        }
        if (e instanceof Refused r) {
            return json(r.status(), r.getMessage());
        }
        if (e instanceof IllegalArgumentException) {
            return json(Response.Status.BAD_REQUEST, e.getMessage());
        }
        if (e instanceof StreamTimeoutException) {
            return json(Response.Status.SERVICE_UNAVAILABLE, e.getMessage());
        }
        if (e instanceof StreamException) {
            return json(Response.Status.BAD_GATEWAY, e.getMessage());
        }
        return json(Response.Status.INTERNAL_SERVER_ERROR, e.toString());
    }

    /** A JSON error answer. */
    static Response json(Response.Status status, String message) {
        return Response.status(status).type(MediaType.APPLICATION_JSON)
                .entity(Json.createObjectBuilder().add("error", String.valueOf(message)).build()).build();
    }

    /** The failure inside a failed confirmation, as a runtime exception. */
    static RuntimeException unwrap(ExecutionException e) {
        return e.getCause() instanceof RuntimeException r ? r : new StreamException(String.valueOf(e.getCause()),
                e.getCause());
    }
}
