package io.tributary.broker;

/**
 * The bounds of a broker's buffer.
 *
 * @param capacity     the most events held at once ({@value #MIN_CAPACITY} to {@value #MAX_CAPACITY}): an
 *                     event is held from its publish until it and every event published before it
 *                     (memory: by any producer; JMS: by its producer) are acked or dropped; publish
 *                     waits beyond it. The JMS broker counts per broker instance, over the events
 *                     published through it (the queue itself is bounded by the Artemis address settings)
 * @param maxBatchSize the largest batch {@link BrokerConsumer#get} hands out and the batch size used when
 *                     the caller leaves the choice to the broker (1 to {@value #MAX_BATCH_SIZE}, at most
 *                     {@code capacity})
 */
public record BufferConfig(int capacity, int maxBatchSize) {

    /** The smallest capacity. */
    public static final int MIN_CAPACITY = 1;
    /** The largest capacity: 2^26 events. */
    public static final int MAX_CAPACITY = 1 << 26;
    /** The largest batch any broker hands out. */
    public static final int MAX_BATCH_SIZE = 65_536;
    /** The defaults: 8,192 events, batches of up to 1,024. */
    public static final BufferConfig DEFAULTS = new BufferConfig(8_192, 1_024);

    /** Validates both bounds and names the bad one. */
    public BufferConfig {
        if (capacity < MIN_CAPACITY || capacity > MAX_CAPACITY) {
            throw new IllegalArgumentException("capacity " + capacity + " is out of range: use " + MIN_CAPACITY
                    + " to " + MAX_CAPACITY);
        }
        int max = Math.min(MAX_BATCH_SIZE, capacity);
        if (maxBatchSize < 1 || maxBatchSize > max) {
            throw new IllegalArgumentException("maxBatchSize " + maxBatchSize + " is out of range: use 1 to " + max
                    + " (at most " + MAX_BATCH_SIZE + " and at most the capacity " + capacity + ")");
        }
    }

    /**
     * The batch size a {@code get(n)} asks for: {@code n} itself, or {@link #maxBatchSize()} for 0 or less.
     *
     * @throws IllegalArgumentException if {@code n} is above {@link #maxBatchSize()}, naming n and the range
     */
    public int batchSize(int n) {
        if (n > maxBatchSize) {
            throw new IllegalArgumentException("batch size " + n + " is out of range: use 1 to " + maxBatchSize
                    + ", or 0 or less for the broker's choice");
        }
        return n <= 0 ? maxBatchSize : n;
    }
}
