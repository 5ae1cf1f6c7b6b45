package it.io.tributary.library;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** The user's own error handling: an IllegalStateException is a 409 with the shop's wording. */
@Provider
public class ConflictMapper implements ExceptionMapper<IllegalStateException> {

    @Override
    public Response toResponse(IllegalStateException e) {
        return Response.status(Response.Status.CONFLICT).entity("shop says: conflict").build();
    }
}
