package io.tributary.eventstream.support;

import io.tributary.eventstream.EventStream;
import io.tributary.eventstream.Retention;
import io.tributary.eventstream.StreamIdentity;

import java.util.Objects;
import java.util.Set;

/**
 * The part of an {@link EventStream} every implementation shares: its identity, its event types with
 * their argument checks ({@link #types()}) and its retention. Immutable state; subclasses add the rest.
 */
public abstract class AbstractEventStream implements EventStream {

    private final StreamIdentity identity;
    private final EventTypes types;
    private final Retention retention;

    /**
     * A stream {@code identity} carrying {@code eventTypes}, keeping events by {@code retention}.
     *
     * @throws IllegalArgumentException for an empty or invalid set of types
     */
    protected AbstractEventStream(StreamIdentity identity, Set<String> eventTypes, Retention retention) {
        this.identity = Objects.requireNonNull(identity, "identity");
        this.types = new EventTypes(identity, eventTypes);
        this.retention = Objects.requireNonNull(retention, "retention");
    }

    @Override
    public final StreamIdentity identity() {
        return identity;
    }

    @Override
    public final Set<String> eventTypes() {
        return types.all();
    }

    @Override
    public final Retention retention() {
        return retention;
    }

    /** The types and the checks of append and open arguments against them. */
    protected final EventTypes types() {
        return types;
    }
}
