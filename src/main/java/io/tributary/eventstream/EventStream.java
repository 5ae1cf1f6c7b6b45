package io.tributary.eventstream;

import java.util.List;
import java.util.Set;

/**
 * An ordered, offset-addressed, replayable stream of typed events.
 *
 * <p><b>Offsets</b> are dense and 0-based per stream: the n-th event ever appended has offset n-1,
 * forever, across restarts. Retention (by count and/or age) may drop the oldest events; that moves the
 * stream's first retained offset and is the only thing that makes {@link Truncated}.
 *
 * <p><b>Appends</b> are atomic: the events of one {@link #append} call get consecutive offsets, all or
 * none of them. Appends from any number of threads and application instances get one total order with
 * no gaps and no duplicates. An append that returned is durable (for the JMS implementation: on the
 * broker's journal); it becomes visible to cursors once it has been given its offsets, which follows
 * shortly after and in order. An append that threw may or may not have happened; implementations say
 * whether retrying it is safe.
 *
 * <p><b>Where it stands</b>: {@link #head()} is the offset the next event will get and
 * {@link #retained()} the range of offsets that can be opened now. Both count only events that have been
 * given their offsets: an append that returned but is not sequenced yet is not in them.
 *
 * <p><b>Reading</b>: {@link #open} returns a {@link Cursor} positioned at an offset, which may be
 * anywhere from the first retained offset to beyond the current end (the cursor then waits for the
 * stream to get there). Any number of cursors may read at once; each is used by one thread.
 *
 * <p><b>Closing</b> the stream closes every cursor opened from it ({@link CursorClosed}) and refuses
 * further appends and opens with {@link io.tributary.stream.StreamClosedException}. Closing twice is
 * harmless. Implementations are thread safe.
 */
public interface EventStream extends AutoCloseable {

    /** The most events one {@link #append} call may carry. */
    int MAX_APPEND_EVENTS = 10_000;
    /** The most payload bytes one {@link #append} call may carry in total. */
    int MAX_APPEND_BYTES = 16 << 20;

    /** The stream's owner and name. */
    StreamIdentity identity();

    /** The event types this stream may carry; {@link #append} and {@link #open} accept only these. */
    Set<String> eventTypes();

    /** How long events are kept. */
    Retention retention();

    /**
     * Appends {@code events} atomically, after every event appended before by anyone.
     *
     * @throws IllegalArgumentException for an empty list, too many events or bytes, or a type this stream
     *                                  does not carry (the message names it and the allowed set); nothing
     *                                  is appended then
     * @throws io.tributary.stream.StreamClosedException if the stream is closed
     * @throws io.tributary.stream.StreamException        if the append could not be made durable
     */
    void append(List<NewEvent> events);

    /** Appends the given events atomically; see {@link #append(List)}. */
    default void append(NewEvent... events) {
        append(List.of(events));
    }

    /**
     * Opens a cursor at {@code offset} that returns the events whose type is in {@code types}.
     *
     * @param offset the first offset to read: from the first retained offset on, and possibly beyond
     *               the current end
     * @param types  a non-empty subset of {@link #eventTypes()}
     * @throws Truncated                if {@code offset} is below the retained range
     * @throws IllegalArgumentException for a negative offset, an empty type set or a type this stream does
     *                                  not carry (the message names it and the allowed set)
     * @throws io.tributary.stream.StreamClosedException if the stream is closed
     */
    Cursor open(long offset, Set<String> types);

    /**
     * The offset the next event will get: the number of events ever given an offset, 0 for a stream never
     * appended to. Never goes down.
     *
     * @throws io.tributary.stream.StreamClosedException if the stream is closed
     * @throws io.tributary.stream.StreamException        if it cannot be read (the broker is away)
     */
    long head();

    /**
     * The offsets that can be opened now, from the first retained one to the {@link #head()}; an
     * {@link #open} below the first is {@link Truncated}. The first offset may be reported lower than the
     * truth while events are being sequenced or expired at the same time (a cursor opened there then
     * reports {@link Truncated} from {@code next}), never higher, so {@link #open} accepts every offset of
     * the range.
     *
     * @throws io.tributary.stream.StreamClosedException if the stream is closed
     * @throws io.tributary.stream.StreamException        if it cannot be read (the broker is away)
     */
    RetainedRange retained();

    /** Closes every cursor and stops the stream's own work; appended events stay where they are durable. */
    @Override
    void close();
}
