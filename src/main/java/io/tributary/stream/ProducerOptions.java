package io.tributary.stream;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * How a {@link Producer} behaves.
 *
 * @param maxInFlight     messages sent but not yet confirmed at most, 1 to 1,000,000
 * @param sendTimeout     how long {@link Producer#send} waits for an in-flight slot, positive
 * @param closeTimeout    how long {@link Producer#close} waits for confirmations, zero or positive
 * @param maxMessageBytes the largest value accepted, 1 byte to 100 MiB
 * @param groupCommit     whether and how sends are gathered into broker transactions ({@link GroupCommit})
 * @param confirmTimeout  how long a sent message waits for the broker's confirmation before its stage
 *                        fails with a {@link StreamTimeoutException} (the message may or may not have been
 *                        routed; resending it is safe), positive; a send or batch a failover interrupted is
 *                        resent by the producer until this long after it was first sent
 */
public record ProducerOptions(int maxInFlight, Duration sendTimeout, Duration closeTimeout, int maxMessageBytes,
        GroupCommit groupCommit, Duration confirmTimeout) {

    /** The confirm timeout of the defaults: 60 s. */
    public static final Duration DEFAULT_CONFIRM_TIMEOUT = Duration.ofSeconds(60);

    /**
     * The defaults: 1,000 in flight, 30 s send timeout, 10 s close timeout, 1 MiB messages, no group commit,
     * 60 s confirm timeout.
     */
    public static final ProducerOptions DEFAULTS =
            new ProducerOptions(1000, Duration.ofSeconds(30), Duration.ofSeconds(10), 1 << 20);

    /** Validates every component and names the bad one. */
    public ProducerOptions {
        Checks.range("maxInFlight", maxInFlight, 1, 1_000_000);
        Checks.positive("sendTimeout", sendTimeout);
        Checks.notNegative("closeTimeout", closeTimeout);
        Checks.range("maxMessageBytes", maxMessageBytes, 1, 100 << 20);
        Objects.requireNonNull(groupCommit, "groupCommit must not be null: use GroupCommit.OFF");
        Checks.positive("confirmTimeout", confirmTimeout);
    }

    /** Options without group commit, with the default confirm timeout. */
    public ProducerOptions(int maxInFlight, Duration sendTimeout, Duration closeTimeout, int maxMessageBytes) {
        this(maxInFlight, sendTimeout, closeTimeout, maxMessageBytes, GroupCommit.OFF, DEFAULT_CONFIRM_TIMEOUT);
    }

    /** A copy with another in-flight window. */
    public ProducerOptions withMaxInFlight(int n) {
        return new ProducerOptions(n, sendTimeout, closeTimeout, maxMessageBytes, groupCommit, confirmTimeout);
    }

    /** A copy with another send timeout. */
    public ProducerOptions withSendTimeout(Duration d) {
        return new ProducerOptions(maxInFlight, Objects.requireNonNull(d), closeTimeout, maxMessageBytes, groupCommit,
                confirmTimeout);
    }

    /** A copy with another close timeout. */
    public ProducerOptions withCloseTimeout(Duration d) {
        return new ProducerOptions(maxInFlight, sendTimeout, d, maxMessageBytes, groupCommit, confirmTimeout);
    }

    /** A copy with another message size limit. */
    public ProducerOptions withMaxMessageBytes(int n) {
        return new ProducerOptions(maxInFlight, sendTimeout, closeTimeout, n, groupCommit, confirmTimeout);
    }

    /** A copy with another group commit ({@link GroupCommit#OFF}: none). */
    public ProducerOptions withGroupCommit(GroupCommit g) {
        return new ProducerOptions(maxInFlight, sendTimeout, closeTimeout, maxMessageBytes, g, confirmTimeout);
    }

    /** A copy with another confirm timeout. */
    public ProducerOptions withConfirmTimeout(Duration d) {
        return new ProducerOptions(maxInFlight, sendTimeout, closeTimeout, maxMessageBytes, groupCommit, d);
    }

    /**
     * Throws if {@code messages} may not be sent as one transaction ({@link Producer#sendAll}): more than
     * {@link ConsumerOptions#MAX_BATCH_SIZE}, or one of them too large; names the bad value.
     */
    public void checkBatch(List<Message> messages) {
        if (messages.size() > ConsumerOptions.MAX_BATCH_SIZE) {
            throw new IllegalArgumentException("sendAll of " + messages.size() + " messages is not allowed: send at"
                    + " most " + ConsumerOptions.MAX_BATCH_SIZE + " in one transaction");
        }
        messages.forEach(this::checkSize);
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
