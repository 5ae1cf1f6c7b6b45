package io.tributary.stream;

/** A blocking operation gave up after its configured timeout; the operation did not take place. */
public class StreamTimeoutException extends StreamException {

    private static final long serialVersionUID = 1L;

    /** An exception naming the operation and the timeout. */
    public StreamTimeoutException(String message) {
        super(message);
    }
}
