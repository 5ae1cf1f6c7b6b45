package io.tributary.stream;

/** A transport failure: the broker refused an operation or could not be reached. */
public class StreamException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** A failure with a message naming the stream and what failed. */
    public StreamException(String message) {
        super(message);
    }

    /** A failure caused by {@code cause}. */
    public StreamException(String message, Throwable cause) {
        super(message, cause);
    }
}
