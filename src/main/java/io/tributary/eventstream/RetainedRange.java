package io.tributary.eventstream;

/**
 * The offsets an {@link EventStream} holds at one moment: every offset from {@link #first()} (inclusive) to
 * {@link #head()} (exclusive) can be opened; offsets below {@code first} were dropped by retention
 * ({@link Truncated}), and {@code head} is the offset the next event will get. An empty stream has
 * {@code first == head}. A snapshot: the stream moves on after it is taken. Immutable.
 *
 * @param first the first retained offset
 * @param head  the offset the next sequenced event gets: the number of events ever given an offset
 */
public record RetainedRange(long first, long head) {

    /** Checks {@code 0 <= first <= head}; the error names both values. */
    public RetainedRange {
        if (first < 0 || first > head) {
            throw new IllegalArgumentException("retained range " + first + ".." + head + " is not allowed: the first"
                    + " offset must be from 0 to the head");
        }
    }

    /** How many events are retained. */
    public long count() {
        return head - first;
    }

    @Override
    public String toString() {
        return "[" + first + ", " + head + ")";
    }
}
