package io.tributary.fanin;

/**
 * How a {@link Subscription} buffers.
 *
 * @param bufferLength the most items waiting in the subscription, 1 to {@value #MAX_BUFFER_LENGTH}
 */
public record ConsumeOptions(int bufferLength) {

    /** The longest buffer a subscription may have. */
    public static final int MAX_BUFFER_LENGTH = 1_000_000;
    /** The defaults: a buffer of 256 items. */
    public static final ConsumeOptions DEFAULTS = new ConsumeOptions(256);

    /** Validates the buffer length and names the bad value. */
    public ConsumeOptions {
        if (bufferLength < 1 || bufferLength > MAX_BUFFER_LENGTH) {
            throw new IllegalArgumentException("buffer length " + bufferLength + " is out of range: use 1 to "
                    + MAX_BUFFER_LENGTH);
        }
    }
}
