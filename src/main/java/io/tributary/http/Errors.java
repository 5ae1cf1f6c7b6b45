package io.tributary.http;

import io.tributary.stream.StreamException;
import io.tributary.stream.StreamTimeoutException;
import jakarta.servlet.http.HttpServletResponse;

import java.util.concurrent.ExecutionException;

/**
 * How the HTTP bridge answers a failure of its own requests (and only those: it is no JAX-RS
 * {@code ExceptionMapper}, so an application's own resources keep their error handling): bad input
 * ({@link IllegalArgumentException}) is 400, a body over the limit 413, a broker that did not answer in
 * time 503, another broker failure 502, anything else 500 without details. Stateless.
 */
final class Errors {

    private Errors() {
    }

    /** The HTTP status for {@code e}. */
    static int status(RuntimeException e) {
        if (e instanceof IllegalArgumentException) {
            return HttpServletResponse.SC_BAD_REQUEST;
        }
        if (e instanceof StreamBridge.TooLarge) {
            return HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE;
        }
        if (e instanceof StreamTimeoutException) {
            return HttpServletResponse.SC_SERVICE_UNAVAILABLE;
        }
        if (e instanceof StreamException) {
            return HttpServletResponse.SC_BAD_GATEWAY;
        }
        return HttpServletResponse.SC_INTERNAL_SERVER_ERROR;
    }

    /** The message shown to the client for {@code e}: its own for the expected kinds, none otherwise. */
    static String message(RuntimeException e) {
        return status(e) == HttpServletResponse.SC_INTERNAL_SERVER_ERROR ? "internal error, see the server log"
                : String.valueOf(e.getMessage());
    }

    /** The failure inside a failed confirmation, as a runtime exception. */
    static RuntimeException unwrap(ExecutionException e) {
        return e.getCause() instanceof RuntimeException r ? r : new StreamException(String.valueOf(e.getCause()),
                e.getCause());
    }
}
