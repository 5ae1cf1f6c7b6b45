package io.tributary.eventstream;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The event streams one application has open, one instance per {@link StreamIdentity}: every part of the
 * application that asks for the same identity shares that instance (which matters for the in-memory
 * implementation, whose events live in the instance). Streams are opened on first request through the
 * {@link Opener} the registry was made with, and all closed by {@link #close()}.
 *
 * <p>A second request for an identity must ask for the same event types and retention as the first; a
 * different one is refused with an error naming the identity and both declarations, since one stream cannot
 * carry two definitions. Thread safe.
 */
public final class EventStreamRegistry implements AutoCloseable {

    /** Opens the event stream of an identity. */
    @FunctionalInterface
    public interface Opener {
        /** A new open stream with these settings. */
        EventStream open(StreamIdentity identity, Set<String> eventTypes, Retention retention);
    }

    private final Opener opener;
    private final Map<StreamIdentity, EventStream> open = new HashMap<>();
    private boolean closed;

    /** A registry opening streams with {@code opener}. */
    public EventStreamRegistry(Opener opener) {
        this.opener = Objects.requireNonNull(opener, "opener");
    }

    /**
     * The application's stream for {@code identity}, opened on first request.
     *
     * @throws IllegalArgumentException if the identity is already open with other event types or retention
     * @throws IllegalStateException    if the registry is closed
     */
    public synchronized EventStream get(StreamIdentity identity, Set<String> eventTypes, Retention retention) {
        if (closed) {
            throw new IllegalStateException("event streams are closed: the application is stopping");
        }
        EventStream stream = open.get(identity);
        if (stream == null) {
            stream = opener.open(identity, Set.copyOf(eventTypes), retention);
            open.put(identity, stream);
        } else if (!stream.eventTypes().equals(Set.copyOf(eventTypes)) || !stream.retention().equals(retention)) {
            throw new IllegalArgumentException("event stream " + identity + " is already open with types "
                    + stream.eventTypes() + " and retention " + stream.retention() + "; asked again with types "
                    + eventTypes + " and retention " + retention + ": declare it the same way everywhere");
        }
        return stream;
    }

    /** The streams open now. */
    public synchronized List<EventStream> streams() {
        return List.copyOf(open.values());
    }

    /** Closes every stream opened here (their cursors too); later requests are refused. Idempotent. */
    @Override
    public void close() {
        List<EventStream> streams;
        synchronized (this) {
            closed = true;
            streams = new ArrayList<>(open.values());
            open.clear();
        }
        RuntimeException failure = null;
        for (EventStream stream : streams) {
            try {
                stream.close();
            } catch (RuntimeException e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }
}
