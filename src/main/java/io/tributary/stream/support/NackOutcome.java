package io.tributary.stream.support;

import io.tributary.stream.Message;
import io.tributary.stream.RedeliveryPolicy;

import java.time.Duration;
import java.util.Objects;

/**
 * What a nack does to one message: retry it later, or dead-letter it. Decided once here for every
 * implementation, from the {@link RedeliveryPolicy}.
 */
public sealed interface NackOutcome {

    /**
     * The outcome of nacking {@code message} (received from {@code stream}) for {@code reason}: a retry
     * carrying attempt + 1 after the policy's delay while attempts remain, else the dead letter built by
     * {@link DeadLetters#letter}.
     */
    static NackOutcome of(Message message, String stream, String reason, RedeliveryPolicy policy) {
        Objects.requireNonNull(message, "message must not be null");
        return policy.retryDelay(message.deliveryAttempt())
                .<NackOutcome>map(delay -> new Retry(
                        message.toBuilder().deliveryAttempt(message.deliveryAttempt() + 1).build(), delay))
                .orElseGet(() -> new DeadLetter(DeadLetters.letter(message, stream, reason)));
    }

    /**
     * Enqueue {@code message} again after {@code delay}.
     *
     * @param message the message to enqueue: the nacked one with its attempt incremented, same id
     * @param delay   how long it waits before it can be delivered
     */
    record Retry(Message message, Duration delay) implements NackOutcome {
    }

    /**
     * Move {@code letter} to the dead-letter stream.
     *
     * @param letter the nacked message with the reason and origin tags
     */
    record DeadLetter(Message letter) implements NackOutcome {
    }
}
