package io.tributary.broker;

/** The broker was closed, or the producer cancelled or the consumer closed, before or during the operation. */
public class BrokerClosedException extends BrokerException {

    private static final long serialVersionUID = 1L;

    /** An exception naming what was closed. */
    public BrokerClosedException(String message) {
        super(message);
    }
}
