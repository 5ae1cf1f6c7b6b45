package io.tributary.eventstream;

import io.tributary.stream.StreamException;

/**
 * The offset asked for is no longer retained: retention (by count or age) moved the stream's start
 * past it. Thrown by {@link EventStream#open} for an offset below the retained range, and by
 * {@link Cursor#next} when events the cursor had not read yet were truncated under it. Nothing else
 * makes this exception: offsets are dense, so a gap only ever comes from truncation.
 */
public class Truncated extends StreamException {

    private static final long serialVersionUID = 1L;

    private final long requested;
    private final long firstRetained;

    /** {@code requested} is gone from {@code stream}; {@code firstRetained} is where reading can resume. */
    public Truncated(StreamIdentity stream, long requested, long firstRetained) {
        super("event stream " + stream + ": offset " + requested + " is truncated; the first retained offset is "
                + firstRetained);
        this.requested = requested;
        this.firstRetained = firstRetained;
    }

    /** The offset that was asked for. */
    public long requested() {
        return requested;
    }

    /** The first offset still retained: open there to continue. */
    public long firstRetained() {
        return firstRetained;
    }
}
