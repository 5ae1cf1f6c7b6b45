package io.tributary.eventstream.support;

import io.tributary.eventstream.EventStream;
import io.tributary.eventstream.NewEvent;
import io.tributary.eventstream.StreamIdentity;

import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The event types of one stream, and the checks of {@link EventStream#append} and {@link EventStream#open}
 * arguments against them. Every error names the bad value and what is allowed. Immutable.
 */
public final class EventTypes {

    private final StreamIdentity stream;
    private final Set<String> types;

    /**
     * The types {@code stream} carries.
     *
     * @throws IllegalArgumentException for an empty set or an invalid type name
     */
    public EventTypes(StreamIdentity stream, Set<String> types) {
        this.stream = stream;
        if (types == null || types.isEmpty()) {
            throw new IllegalArgumentException("event stream " + stream + ": the set of event types " + types
                    + " is not allowed: name at least one type");
        }
        types.forEach(NewEvent::checkType);
        this.types = Collections.unmodifiableSet(new TreeSet<>(types));
    }

    /** The types, sorted, read-only. */
    public Set<String> all() {
        return types;
    }

    /**
     * Checks the arguments of {@code open}.
     *
     * @return an immutable copy of {@code filter}
     */
    public Set<String> checkOpen(long offset, Set<String> filter) {
        if (offset < 0) {
            throw new IllegalArgumentException("event stream " + stream + ": offset " + offset
                    + " is not allowed: use 0 or more");
        }
        if (filter == null || filter.isEmpty()) {
            throw new IllegalArgumentException("event stream " + stream + ": the type filter " + filter
                    + " is not allowed: name at least one of " + types);
        }
        filter.forEach(this::checkCarried);
        return Set.copyOf(filter);
    }

    /**
     * Checks the events of {@code append}: 1 to {@link EventStream#MAX_APPEND_EVENTS} events of carried
     * types, at most {@link EventStream#MAX_APPEND_BYTES} payload bytes in total.
     *
     * @return an immutable copy of {@code events}
     */
    public List<NewEvent> checkAppend(List<NewEvent> events) {
        if (events == null || events.isEmpty() || events.size() > EventStream.MAX_APPEND_EVENTS) {
            throw new IllegalArgumentException("event stream " + stream + ": an append of "
                    + (events == null ? "null" : events.size() + " events") + " is not allowed: append 1 to "
                    + EventStream.MAX_APPEND_EVENTS + " events at once");
        }
        long bytes = 0;
        for (NewEvent e : events) {
            checkCarried(e.type());
            bytes += e.size();
        }
        if (bytes > EventStream.MAX_APPEND_BYTES) {
            throw new IllegalArgumentException("event stream " + stream + ": an append of " + bytes
                    + " payload bytes is too large: use at most " + EventStream.MAX_APPEND_BYTES + " bytes at once");
        }
        return List.copyOf(events);
    }

    private void checkCarried(String type) {
        if (!types.contains(type)) {
            throw new IllegalArgumentException("event stream " + stream + ": event type " + (type == null ? "null"
                    : "'" + type + "'") + " is not carried by this stream: use one of " + types);
        }
    }
}
