package io.tributary.stream.support;

import io.tributary.stream.Consumer;
import io.tributary.stream.Message;

import java.time.Duration;

/** Builds the message that goes to a dead-letter stream: the original with its reason and origin. */
public final class DeadLetters {

    /** The longest reason kept; longer ones are cut, with a marker. */
    public static final int MAX_REASON_LENGTH = 1000;

    private DeadLetters() {
    }

    /**
     * The dead letter for {@code message}: the same id, value, key, timestamp, tags and attempt, plus
     * the tags {@link Consumer#REASON_TAG} and {@link Consumer#ORIGIN_TAG}; it never expires (its time to
     * live is dropped), so a dead letter waits until someone looks at it.
     */
    public static Message letter(Message message, String stream, String reason) {
        return message.toBuilder()
                .timeToLive(Duration.ZERO)
                .tag(Consumer.REASON_TAG, cleanReason(reason))
                .tag(Consumer.ORIGIN_TAG, stream)
                .build();
    }

    /** The reason without control characters (it travels as a header), at most {@value #MAX_REASON_LENGTH} characters. */
    public static String cleanReason(String reason) {
        String r = reason == null || reason.isBlank() ? "unspecified" : reason.replaceAll("\\p{Cntrl}", " ");
        return r.length() > MAX_REASON_LENGTH ? r.substring(0, MAX_REASON_LENGTH) + "..." : r;
    }
}
