package io.tributary.eventstream;

import io.tributary.stream.StreamClosedException;

/**
 * The cursor was closed (by its owner, or because its stream shut down) before or during the call;
 * also thrown by a second {@link Cursor#close()}.
 */
public class CursorClosed extends StreamClosedException {

    private static final long serialVersionUID = 1L;

    /** An exception naming the stream and why the cursor is closed. */
    public CursorClosed(String message) {
        super(message);
    }
}
