package io.tributary.eventstream;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How long a stream keeps its events: at most {@link #maxEvents()} events (always set, so nothing grows
 * without bound) and, optionally, only events younger than {@link #maxAge()}. When either limit drops
 * the oldest events the stream's first retained offset moves on; offsets never change. Immutable.
 */
public final class Retention {

    /** The largest count limit, so an in-memory stream can index its events with an {@code int}. */
    public static final long MAX_EVENTS = Integer.MAX_VALUE - 8;

    private final long maxEvents;
    private final Duration maxAge;

    private Retention(long maxEvents, Duration maxAge) {
        if (maxEvents < 1 || maxEvents > MAX_EVENTS) {
            throw new IllegalArgumentException("retention of " + maxEvents + " events is out of range: use 1 to "
                    + MAX_EVENTS);
        }
        if (maxAge != null && (maxAge.isNegative() || maxAge.isZero())) {
            throw new IllegalArgumentException("retention age " + maxAge + " is not allowed: use a positive duration");
        }
        this.maxEvents = maxEvents;
        this.maxAge = maxAge;
    }

    /** Keeps the newest {@code maxEvents} events. */
    public static Retention ofCount(long maxEvents) {
        return new Retention(maxEvents, null);
    }

    /** This retention, also dropping events older than {@code maxAge}. */
    public Retention withMaxAge(Duration maxAge) {
        return new Retention(maxEvents, Objects.requireNonNull(maxAge, "maxAge"));
    }

    /** The most events kept. */
    public long maxEvents() {
        return maxEvents;
    }

    /** The oldest an event may get before it is dropped, if limited. */
    public Optional<Duration> maxAge() {
        return Optional.ofNullable(maxAge);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Retention r && maxEvents == r.maxEvents && Objects.equals(maxAge, r.maxAge);
    }

    @Override
    public int hashCode() {
        return Objects.hash(maxEvents, maxAge);
    }

    @Override
    public String toString() {
        return "Retention[maxEvents=" + maxEvents + (maxAge == null ? "" : ", maxAge=" + maxAge) + "]";
    }
}
