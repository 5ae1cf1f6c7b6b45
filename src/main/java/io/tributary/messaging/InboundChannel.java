package io.tributary.messaging;

import io.tributary.supervision.LoopHealth;

/**
 * An incoming channel of the {@code tributary-jms} connector as operators see and steer it (the console):
 * where it receives from, whether its receive loop is healthy, how much is waiting and in flight, what it
 * has settled so far, and a switch that pauses it. Pausing stops handing out messages (and receiving new
 * batches); messages already handed out are still settled; nothing is lost, what waits stays on the
 * broker. Thread safe.
 */
public interface InboundChannel {

    /** The channel's name ({@code mp.messaging.incoming.<name>}). */
    String channel();

    /** The stream (or topic subscription's queue) it receives from. */
    String stream();

    /** The state of its receive loop. */
    LoopHealth.State state();

    /** Whether it is paused. */
    boolean paused();

    /** Messages handed to the application and not yet settled. */
    int inFlight();

    /** Messages acked since the channel started. */
    long acked();

    /** Messages nacked (retried or dead-lettered) since the channel started. */
    long nacked();

    /**
     * The messages waiting in its stream.
     *
     * @throws io.tributary.stream.StreamException if the broker cannot tell now
     */
    long backlog();

    /** Stops handing out messages until {@link #resume()}. Idempotent. */
    void pause();

    /** Hands out messages again. Idempotent. */
    void resume();
}
