package io.tributary.eventstream.support;

import io.tributary.eventstream.Cursor;
import io.tributary.eventstream.CursorClosed;
import io.tributary.eventstream.Event;
import io.tributary.eventstream.StreamIdentity;
import io.tributary.eventstream.Truncated;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The part of a {@link Cursor} every implementation shares: the position, the type filter, the close
 * bookkeeping and the rule that a gap in offsets means truncation.
 *
 * <p>Subclasses only {@link #fetch} the stored event at the lowest offset at or after a position, in
 * offset order. Events below the position (a source that replays from further back) are skipped;
 * an event above it means the events in between were dropped by retention, reported as
 * {@link Truncated}. Closing is idempotent inside ({@link #shutdown} from the stream, {@link #close}
 * from the owner) and {@link #release} runs exactly once.
 */
public abstract class AbstractCursor implements Cursor {

    private final StreamIdentity stream;
    private final Set<String> types;
    private final AtomicReference<String> closedBecause = new AtomicReference<>();
    private long position;

    /** A cursor on {@code stream} at {@code offset} returning events of {@code types}. */
    protected AbstractCursor(StreamIdentity stream, long offset, Set<String> types) {
        this.stream = Objects.requireNonNull(stream, "stream");
        this.position = offset;
        this.types = Set.copyOf(types);
    }

    /**
     * The stored event with the lowest offset at or after {@code from} (or a lower one, which is skipped),
     * waiting until {@code deadline} at most.
     *
     * @return the event, or null if the deadline passed or the cursor was closed while waiting
     */
    protected abstract Event fetch(long from, Instant deadline);

    /** Releases the implementation's resources; called once, from the closing thread. */
    protected abstract void release();

    @Override
    public final Optional<Event> next(Instant deadline) {
        Objects.requireNonNull(deadline, "deadline");
        while (true) {
            ensureOpen();
            Event event = fetch(position, deadline);
            if (event == null) {
                ensureOpen();
                if (!Instant.now().isBefore(deadline)) {
                    return Optional.empty();
                }
            } else if (event.offset() > position) {
                throw new Truncated(stream, position, event.offset());
            } else if (event.offset() == position) {
                position++;
                if (types.contains(event.type())) {
                    return Optional.of(event);
                }
            }
        }
    }

    @Override
    public final long position() {
        return position;
    }

    @Override
    public final void close() {
        if (!closeBecause("the cursor was closed")) {
            throw new CursorClosed("event stream " + stream + ": cursor already closed (" + closedBecause.get() + ")");
        }
    }

    /** Closes the cursor because its stream shut down; does nothing if it is already closed. */
    public final void shutdown() {
        closeBecause("the stream was closed");
    }

    /** Whether the cursor is closed. */
    public final boolean isClosed() {
        return closedBecause.get() != null;
    }

    /** The stream read. */
    protected final StreamIdentity stream() {
        return stream;
    }

    private boolean closeBecause(String reason) {
        if (!closedBecause.compareAndSet(null, reason)) {
            return false;
        }
        release();
        return true;
    }

    private void ensureOpen() {
        String reason = closedBecause.get();
        if (reason != null) {
            throw new CursorClosed("event stream " + stream + ": " + reason);
        }
    }
}
