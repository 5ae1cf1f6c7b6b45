package io.tributary.broker;

/** A broker operation failed in its transport. */
public class BrokerException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** An exception with a message naming what failed. */
    public BrokerException(String message) {
        super(message);
    }

    /** An exception with a message and its cause. */
    public BrokerException(String message, Throwable cause) {
        super(message, cause);
    }
}
