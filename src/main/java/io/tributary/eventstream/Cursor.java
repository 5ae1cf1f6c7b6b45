package io.tributary.eventstream;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * A reading position in an {@link EventStream}, returning the events of its type filter in offset
 * order.
 *
 * <p>Each call to {@code next} returns the next event (in offset order) whose type is in the filter
 * the cursor was opened with, skipping others. At the end of the stream it blocks until such an event is
 * appended, the deadline passes (then it returns empty, and a later call carries on from the same
 * place), or the cursor or its stream is closed ({@link CursorClosed}). If events the cursor had not
 * read yet were truncated by retention, {@code next} throws {@link Truncated} naming the first offset
 * still retained.
 *
 * <p>Thread safety: a cursor is used by one thread at a time; many cursors may read at once.
 * {@link #close()} may be called from any thread and wakes a blocked {@code next}; closing twice throws
 * {@link CursorClosed}.
 */
public interface Cursor extends AutoCloseable {

    /**
     * The next event of the filter, waiting until {@code deadline} at most.
     *
     * @return the event, or empty if the deadline passed first
     * @throws CursorClosed if the cursor or its stream is closed
     * @throws Truncated    if unread events were truncated
     * @throws io.tributary.stream.StreamException if the stream could not be read
     */
    Optional<Event> next(Instant deadline);

    /** The next event of the filter, waiting {@code timeout} at most; see {@link #next(Instant)}. */
    default Optional<Event> next(Duration timeout) {
        return next(Instant.now().plus(timeout));
    }

    /**
     * Opens the scope of handling {@code event}, one this cursor returned, on the calling thread: call it
     * where the application's handler runs and close it when the handler returns
     * ({@code try (EventHandling h = cursor.handling(e)) { handle(e); }}; a {@link StreamConsumer} does).
     * A traced cursor records the event's {@code process} span meanwhile and makes it current; others
     * attach nothing ({@link EventHandling#NONE}). Any thread; never throws.
     */
    default EventHandling handling(Event event) {
        return EventHandling.NONE;
    }

    /** The offset {@code next} will look at first: one past the last event it read or skipped. */
    long position();

    /**
     * Closes the cursor and releases its resources.
     *
     * @throws CursorClosed if it was already closed
     */
    @Override
    void close();
}
