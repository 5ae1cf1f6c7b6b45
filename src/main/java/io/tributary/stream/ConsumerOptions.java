package io.tributary.stream;

import java.time.Duration;
import java.util.Objects;

/**
 * How a {@link Consumer} behaves.
 *
 * @param batchSize   messages per {@link Consumer#receive()} at most, 1 to {@value #MAX_BATCH_SIZE}
 * @param receiveWait how long {@link Consumer#receive()} waits for the first message, 0 to 1 hour
 * @param redelivery  what a nack does
 */
public record ConsumerOptions(int batchSize, Duration receiveWait, RedeliveryPolicy redelivery) {

    /** The largest batch a consumer takes: one broker transaction holds at most this many messages. */
    public static final int MAX_BATCH_SIZE = 10_000;

    /** The defaults: batches of 100, waiting 1 s, {@link RedeliveryPolicy#DEFAULT}. */
    public static final ConsumerOptions DEFAULTS =
            new ConsumerOptions(100, Duration.ofSeconds(1), RedeliveryPolicy.DEFAULT);

    /** Validates every component and names the bad one. */
    public ConsumerOptions {
        Checks.range("batchSize", batchSize, 1, MAX_BATCH_SIZE);
        checkWait(receiveWait);
        Objects.requireNonNull(redelivery, "redelivery must not be null");
    }

    /** A copy with another batch size. */
    public ConsumerOptions withBatchSize(int n) {
        return new ConsumerOptions(n, receiveWait, redelivery);
    }

    /** A copy with another receive wait. */
    public ConsumerOptions withReceiveWait(Duration d) {
        return new ConsumerOptions(batchSize, d, redelivery);
    }

    /** A copy with another redelivery policy. */
    public ConsumerOptions withRedelivery(RedeliveryPolicy p) {
        return new ConsumerOptions(batchSize, receiveWait, p);
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
}
