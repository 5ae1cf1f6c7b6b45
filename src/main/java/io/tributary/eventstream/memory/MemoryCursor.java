package io.tributary.eventstream.memory;

import io.tributary.eventstream.Event;
import io.tributary.eventstream.support.AbstractCursor;

import java.time.Instant;
import java.util.Set;

/** A cursor on a {@link MemoryEventStream}: reads the stream's log under its lock. One thread per cursor. */
final class MemoryCursor extends AbstractCursor {

    private final MemoryEventStream stream;

    MemoryCursor(MemoryEventStream stream, long offset, Set<String> types) {
        super(stream.identity(), offset, types);
        this.stream = stream;
    }

    @Override
    protected Event fetch(long from, Instant deadline) {
        return stream.read(this, from, deadline);
    }

    @Override
    protected void release() {
        stream.closed(this);
    }
}
