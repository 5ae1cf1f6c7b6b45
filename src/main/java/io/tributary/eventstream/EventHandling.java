package io.tributary.eventstream;

import io.tributary.stream.Handling;

/**
 * The time the application spends handling one event a {@link Cursor} returned, opened by
 * {@link Cursor#handling(Event)} on the handling thread and closed on the same thread when the handler
 * returns (the shape of {@link io.tributary.stream.Consumer#handling}). While it is open, whatever the
 * cursor attaches to handling is current on that thread: with tracing, the event's {@code process} span,
 * a child of the context the event was appended with, so spans the handler starts are its children; the
 * span ends when the scope closes, failed if {@link #failed} was called. Neither method throws.
 */
public interface EventHandling extends Handling {

    /** A handling scope with nothing attached. */
    EventHandling NONE = new EventHandling() {
        @Override
        public void failed(Throwable error) {
            // nothing is attached, so there is nothing to mark
        }

        @Override
        public void close() {
            // nothing is attached, so there is nothing to end
        }
    };

    /** Records that handling the event failed with {@code error}; call it before closing. */
    void failed(Throwable error);
}
