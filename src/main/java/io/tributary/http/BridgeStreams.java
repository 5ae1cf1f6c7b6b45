package io.tributary.http;

import io.tributary.artemis.EmbeddedArtemis;
import io.tributary.eventstream.jms.JmsEventStream;
import io.tributary.stream.StreamName;
import jakarta.ws.rs.core.Response;

import java.util.List;
import java.util.Set;

/**
 * The streams the HTTP bridge serves: only those listed in {@code tributary.http.streams}, so callers
 * cannot make the bridge create queues or state for names of their choosing, and never an internal queue,
 * even when listed: a dead-letter queue (the configured suffix), a retry queue ({@code $retries}), an event
 * stream's queues ({@code tributary.events.*}), the batching broker's queue and the broker's own
 * ({@code activemq.*}, {@code DLQ}, {@code DLQ.*} (the broker's dead letters of a queue),
 * {@code ExpiryQueue}). A refused name answers before anything is
 * created, routed or consumed. Immutable and thread-safe.
 */
final class BridgeStreams {

    private static final String BROKER_INTERNALS = "activemq.";
    private static final Set<String> BROKER_QUEUES = Set.of(EmbeddedArtemis.BROKER_DEAD_LETTERS,
            EmbeddedArtemis.BROKER_EXPIRED);

    private final Set<String> served;
    private final String deadLetterSuffix;
    private final String batchingBrokerQueue;

    /**
     * @param served              the names of {@code tributary.http.streams}
     * @param deadLetterSuffix    the dead-letter suffix of the streams
     * @param batchingBrokerQueue the queue of the injected batching broker
     * @throws IllegalArgumentException naming a listed stream that is an internal queue
     */
    BridgeStreams(List<String> served, String deadLetterSuffix, String batchingBrokerQueue) {
        this.served = Set.copyOf(served);
        this.deadLetterSuffix = deadLetterSuffix;
        this.batchingBrokerQueue = batchingBrokerQueue;
        for (String stream : this.served) {
            String internal = internal(stream);
            if (internal != null) {
                throw new IllegalArgumentException("tributary.http.streams lists '" + stream + "', which is " + internal
                        + ": list only streams of the application; the HTTP bridge never serves internal queues");
            }
        }
    }

    /**
     * Returns {@code stream} if the bridge serves it.
     *
     * @throws IllegalArgumentException (400) if it is not a valid stream name
     * @throws Refused                  403 for an internal queue, 404 for a name not listed; the JSON error
     *                                  names the stream and what is allowed
     */
    String check(String stream) {
        StreamName.check(stream);
        String internal = internal(stream);
        if (internal != null) {
            throw refused(Response.Status.FORBIDDEN, "stream '" + stream + "' is " + internal + ": the HTTP bridge"
                    + " never serves dead-letter, retry, event-stream or broker queues");
        }
        if (!served.contains(stream)) {
            throw refused(Response.Status.NOT_FOUND, "stream '" + stream + "' is not served by the HTTP bridge: "
                    + (served.isEmpty() ? "tributary.http.streams lists none"
                    : "tributary.http.streams lists " + String.join(", ", served.stream().sorted().toList())));
        }
        return stream;
    }

    /** What makes {@code stream} internal, or {@code null} if it is not. */
    private String internal(String stream) {
        if (stream.endsWith(deadLetterSuffix)) {
            return "a dead-letter queue";
        }
        if (stream.startsWith(JmsEventStream.QUEUE_PREFIX)) {
            return "an event stream's queue";
        }
        if (stream.startsWith(BROKER_INTERNALS) || BROKER_QUEUES.contains(stream)
                || stream.startsWith(EmbeddedArtemis.BROKER_DEAD_LETTERS + ".")) {
            return "a queue of the broker itself";
        }
        if (stream.equals(batchingBrokerQueue)) {
            return "the batching broker's queue";
        }
        return null;
    }

    @Override
    public String toString() {
        return served.isEmpty() ? "serves no stream (tributary.http.streams is empty)"
                : "serves streams " + String.join(", ", served.stream().sorted().toList());
    }

    private static Refused refused(Response.Status status, String message) {
        return new Refused(status, message);
    }
}
