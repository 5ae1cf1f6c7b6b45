package io.tributary.http;

import jakarta.ws.rs.core.Response;

/**
 * A bridge call refused before anything was created, routed or consumed, with the HTTP status to answer
 * and a message naming the bad value and what is allowed; {@link Errors} turns it into a JSON answer.
 */
final class Refused extends RuntimeException {

    private final Response.Status status;

    Refused(Response.Status status, String message) {
        super(message, null, false, false);
        this.status = status;
    }

    /** The status to answer with. */
    Response.Status status() {
        return status;
    }
}
