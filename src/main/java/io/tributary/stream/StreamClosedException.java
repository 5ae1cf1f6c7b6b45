package io.tributary.stream;

/** The producer, consumer or factory was closed before or during the operation. */
public class StreamClosedException extends StreamException {

    private static final long serialVersionUID = 1L;

    /** An exception naming what was closed. */
    public StreamClosedException(String message) {
        super(message);
    }
}
