package io.tributary.work.hub;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The subscribers of a hub in a ring, taking turns: each {@link #turn()} starts one place further on.
 * Members are compared with {@code equals}; one can join once. Thread-safe.
 *
 * @param <S> the subscriber type
 */
public final class SubscriptionRing<S> {

    private final List<S> members = new ArrayList<>();
    private int next;

    /**
     * Adds {@code s} at the end of the ring.
     *
     * @throws IllegalArgumentException if it is already a member
     */
    public synchronized void add(S s) {
        Objects.requireNonNull(s, "subscriber must not be null");
        if (members.contains(s)) {
            throw new IllegalArgumentException("subscriber " + s + " is already in the ring");
        }
        members.add(s);
    }

    /** Removes {@code s}; returns whether it was a member. The turn order of the others is kept. */
    public synchronized boolean remove(S s) {
        int i = members.indexOf(s);
        if (i < 0) {
            return false;
        }
        members.remove(i);
        if (i < next) {
            next--;
        }
        if (next >= members.size()) {
            next = 0;
        }
        return true;
    }

    /**
     * Every member, starting with the one whose turn it is, then the others in ring order; the next call
     * starts with the member after it. Empty when the ring is.
     */
    public synchronized List<S> turn() {
        int n = members.size();
        List<S> order = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            order.add(members.get((next + i) % n));
        }
        next = n == 0 ? 0 : (next + 1) % n;
        return order;
    }

    /** The number of members. */
    public synchronized int size() {
        return members.size();
    }
}
