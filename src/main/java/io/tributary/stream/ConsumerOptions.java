package io.tributary.stream;

import java.time.Duration;
import java.util.Objects;

/**
 * How a {@link Consumer} behaves.
 *
 * <p><b>Batching.</b> A batch starts with the first message that arrives within the receive wait. With
 * {@code linger} zero (fixed batching, the default) it is that message plus whatever is already waiting,
 * up to the batch size. With a positive {@code linger} (adaptive batching, see
 * {@link #withAdaptiveBatching}) the consumer keeps collecting for at most {@code linger} after the first
 * message, up to the batch size: while messages are waiting batches are full, so one commit covers many
 * messages; when arrivals are slow a batch is what arrived within {@code linger}, never held longer.
 * Either way a batch is one broker transaction with the same settlement rules and the same at-least-once
 * guarantee ({@link Consumer}); only its size varies.
 *
 * @param batchSize   messages per {@link Consumer#receive()} at most, 1 to {@value #MAX_BATCH_SIZE}
 *                    (with adaptive batching: its {@code maxBatch})
 * @param receiveWait how long {@link Consumer#receive()} waits for the first message, 0 to 1 hour
 * @param redelivery  what a nack does
 * @param linger      how long a receive keeps collecting after the first message of a batch, 0 to
 *                    {@link #MAX_LINGER}; zero: fixed batching
 */
public record ConsumerOptions(int batchSize, Duration receiveWait, RedeliveryPolicy redelivery, Duration linger) {

    /** The largest batch a consumer takes: one broker transaction holds at most this many messages. */
    public static final int MAX_BATCH_SIZE = 10_000;

    /** The longest linger allowed. */
    public static final Duration MAX_LINGER = Duration.ofMinutes(1);

    /** The defaults: fixed batches of 100, waiting 1 s, {@link RedeliveryPolicy#DEFAULT}. */
    public static final ConsumerOptions DEFAULTS =
            new ConsumerOptions(100, Duration.ofSeconds(1), RedeliveryPolicy.DEFAULT, Duration.ZERO);

    /** Validates every component and names the bad one. */
    public ConsumerOptions {
        Checks.range("batchSize", batchSize, 1, MAX_BATCH_SIZE);
        checkWait(receiveWait);
        Objects.requireNonNull(redelivery, "redelivery must not be null");
        checkLinger("linger", linger);
    }

    /** Options with fixed batching (linger zero). */
    public ConsumerOptions(int batchSize, Duration receiveWait, RedeliveryPolicy redelivery) {
        this(batchSize, receiveWait, redelivery, Duration.ZERO);
    }

    /** A copy with another batch size (with adaptive batching: another {@code maxBatch}). */
    public ConsumerOptions withBatchSize(int n) {
        return new ConsumerOptions(n, receiveWait, redelivery, linger);
    }

    /** A copy with another receive wait. */
    public ConsumerOptions withReceiveWait(Duration d) {
        return new ConsumerOptions(batchSize, d, redelivery, linger);
    }

    /** A copy with another redelivery policy. */
    public ConsumerOptions withRedelivery(RedeliveryPolicy p) {
        return new ConsumerOptions(batchSize, receiveWait, p, linger);
    }

    /**
     * A copy with adaptive batching: batch (and so commit) sizes follow the arrival rate. With messages
     * waiting a batch grows to {@code maxBatch}, so fewer commits are paid per message; when arrivals are
     * slow a batch is handed out at most {@code linger} after its first message arrived.
     *
     * @param maxBatch the largest batch, 1 to {@value #MAX_BATCH_SIZE}
     * @param linger   how long to keep collecting after the first message, positive, at most {@link #MAX_LINGER}
     * @throws IllegalArgumentException naming the bad value and the allowed range
     */
    public ConsumerOptions withAdaptiveBatching(int maxBatch, Duration linger) {
        Checks.range("adaptive batching maxBatch", maxBatch, 1, MAX_BATCH_SIZE);
        if (linger == null || linger.isNegative() || linger.isZero() || linger.compareTo(MAX_LINGER) > 0) {
            throw new IllegalArgumentException("adaptive batching linger " + linger + " is not allowed: use more than 0"
                    + " and at most " + MAX_LINGER);
        }
        return new ConsumerOptions(maxBatch, receiveWait, redelivery, linger);
    }

    /** A copy with fixed batching of up to {@code batchSize} messages (linger zero). */
    public ConsumerOptions withFixedBatching(int batchSize) {
        return new ConsumerOptions(batchSize, receiveWait, redelivery, Duration.ZERO);
    }

    /** Whether batches follow the arrival rate (a positive linger). */
    public boolean adaptiveBatching() {
        return !linger.isZero();
    }

    /** Throws if {@code max} and {@code wait} are not a valid receive request, naming the bad one. */
    public static void checkReceive(int max, Duration wait) {
        Checks.range("max", max, 1, MAX_BATCH_SIZE);
        checkWait(wait);
    }

    private static void checkWait(Duration wait) {
        Checks.notNegative("receive wait", wait);
        if (wait.compareTo(Duration.ofHours(1)) > 0) {
            throw new IllegalArgumentException("receive wait " + wait + " is not allowed: use 0 to 1 hour");
        }
    }

    private static void checkLinger(String what, Duration linger) {
        Checks.notNegative(what, linger);
        if (linger.compareTo(MAX_LINGER) > 0) {
            throw new IllegalArgumentException(what + " " + linger + " is not allowed: use 0 to " + MAX_LINGER);
        }
    }
}
