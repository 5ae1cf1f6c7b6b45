package io.tributary.stream.support;

import io.tributary.stream.Message;

/**
 * How one message of a batch ended.
 *
 * @param message the message as handed out
 * @param outcome acked, nacked, or released unsettled when its consumer closed
 * @param reason  the nack reason; {@code null} otherwise
 */
public record Settlement(Message message, Outcome outcome, String reason) {

    /** The ways a message of a batch can end. */
    public enum Outcome {
        /** Done: consumed for good when the batch commits. */
        ACK,
        /** Failed: retried with backoff or dead-lettered when the batch commits. */
        NACK,
        /** Not settled when the consumer closed: returned to the stream, delivered again. */
        RELEASE
    }

    /** Whether the message was acked. */
    public boolean acked() {
        return outcome == Outcome.ACK;
    }
}
