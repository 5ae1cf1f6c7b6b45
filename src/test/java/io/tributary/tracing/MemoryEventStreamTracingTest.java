package io.tributary.tracing;

import io.tributary.eventstream.EventStream;
import io.tributary.eventstream.Retention;
import io.tributary.eventstream.StreamIdentity;
import io.tributary.eventstream.memory.MemoryEventStream;
import java.util.Set;

/** {@link EventStreamTracingContract} on the in-memory event stream. */
class MemoryEventStreamTracingTest extends EventStreamTracingContract {

    @Override
    protected EventStream open(StreamIdentity identity, Set<String> types) {
        return new MemoryEventStream(identity, types, Retention.ofCount(1_000));
    }

    @Override
    protected String system() {
        return "tributary";
    }
}
