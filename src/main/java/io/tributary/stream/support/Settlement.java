package io.tributary.stream.support;

import io.tributary.stream.Message;

/**
 * How one message of a batch was settled.
 *
 * @param message the message as handed out
 * @param acked   true for ack, false for nack
 * @param reason  the nack reason, {@code null} for an ack
 */
public record Settlement(Message message, boolean acked, String reason) {
}
