package io.tributary.stream;

/**
 * The time the application spends handling one received message, opened by
 * {@link Consumer#handling(Message)} on the handling thread and closed on the same thread when the handler
 * returns. While it is open, whatever the consumer attaches to handling is current on that thread: with
 * tracing, the message's {@code process} span, so spans the handler starts are its children. Closing never
 * throws and ends nothing but the scope (the span ends when the message is settled).
 */
@FunctionalInterface
public interface Handling extends AutoCloseable {

    /** A handling scope with nothing attached. */
    Handling NONE = () -> {
    };

    @Override
    void close();
}
