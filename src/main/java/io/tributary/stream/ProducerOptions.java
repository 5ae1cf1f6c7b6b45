package io.tributary.stream;

import java.time.Duration;
import java.util.Objects;

/**
 * How a {@link Producer} behaves.
 *
 * @param maxInFlight     messages sent but not yet confirmed at most, 1 to 1,000,000
 * @param sendTimeout     how long {@link Producer#send} waits for an in-flight slot, positive
 * @param closeTimeout    how long {@link Producer#close} waits for confirmations, zero or positive
 * @param maxMessageBytes the largest value accepted, 1 byte to 100 MiB
 * @param confirmTimeout  how long a sent message waits for the broker's confirmation before its stage
 *                        fails with a {@link StreamTimeoutException} (the message may or may not have been
 *                        routed; resending it is safe), positive
 */
public record ProducerOptions(int maxInFlight, Duration sendTimeout, Duration closeTimeout, int maxMessageBytes,
        Duration confirmTimeout) {

    /** The defaults: 1,000 in flight, 30 s send timeout, 10 s close timeout, 1 MiB messages, 60 s confirm timeout. */
    public static final ProducerOptions DEFAULTS =
            new ProducerOptions(1000, Duration.ofSeconds(30), Duration.ofSeconds(10), 1 << 20, Duration.ofSeconds(60));

    /** Validates every component and names the bad one. */
    public ProducerOptions {
        Checks.range("maxInFlight", maxInFlight, 1, 1_000_000);
        Checks.positive("sendTimeout", sendTimeout);
        Checks.notNegative("closeTimeout", closeTimeout);
        Checks.range("maxMessageBytes", maxMessageBytes, 1, 100 << 20);
        Checks.positive("confirmTimeout", confirmTimeout);
    }

    /** A copy with another in-flight window. */
    public ProducerOptions withMaxInFlight(int n) {
        return new ProducerOptions(n, sendTimeout, closeTimeout, maxMessageBytes, confirmTimeout);
    }

    /** A copy with another send timeout. */
    public ProducerOptions withSendTimeout(Duration d) {
        return new ProducerOptions(maxInFlight, Objects.requireNonNull(d), closeTimeout, maxMessageBytes, confirmTimeout);
    }

    /** A copy with another close timeout. */
    public ProducerOptions withCloseTimeout(Duration d) {
        return new ProducerOptions(maxInFlight, sendTimeout, d, maxMessageBytes, confirmTimeout);
    }

    /** A copy with another message size limit. */
    public ProducerOptions withMaxMessageBytes(int n) {
        return new ProducerOptions(maxInFlight, sendTimeout, closeTimeout, n, confirmTimeout);
    }

    /** A copy with another confirm timeout. */
    public ProducerOptions withConfirmTimeout(Duration d) {
        return new ProducerOptions(maxInFlight, sendTimeout, closeTimeout, maxMessageBytes, d);
    }

    /** Throws if {@code message} is larger than {@link #maxMessageBytes()}, naming both sizes. */
    public void checkSize(Message message) {
        Objects.requireNonNull(message, "message must not be null");
        if (message.size() > maxMessageBytes) {
            throw new IllegalArgumentException("message " + message.id() + " has " + message.size()
                    + " bytes: the limit is " + maxMessageBytes + " bytes (tributary.message.max-bytes)");
        }
    }
}
