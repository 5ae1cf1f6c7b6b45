package io.tributary.work;

import java.time.Duration;
import java.util.function.Consumer;

/**
 * Hands each published element to one subscriber, taking turns (round robin), through a bounded buffer
 * per subscriber: a load-balancing hub for in-process work.
 *
 * <p><b>Dispatch.</b> Each publish goes to the subscriber whose turn it is; if that one's buffer is full
 * it goes to the next in turn that has room. Every element is delivered to exactly one subscriber, or
 * the publish reports that it was not taken ({@code false}) and the caller still owns it.
 *
 * <p><b>Buffers.</b> Each subscription has a fixed capacity and one of two policies, chosen when
 * subscribing: <em>blocking</em> (a full buffer takes nothing more until it is polled) or
 * <em>overwriting</em> (a full buffer drops its oldest element to take the new one; every dropped element
 * is handed to the subscriber's drop listener and counted in {@link Subscription#dropped()} -- a drop is
 * never silent).
 *
 * <p><b>Unsubscribe and close.</b> {@link Subscription#unsubscribe()} removes the subscriber from the
 * turn and returns the elements still in its buffer: the caller owns them and nothing is lost.
 * {@link #close()} refuses further publishes; subscribers can still poll what their buffers hold.
 *
 * <p><b>Thread safety.</b> Publish, subscribe and unsubscribe from any thread; each subscription is
 * polled by one thread.
 *
 * @param <E> the element type
 */
public interface Hub<E> extends AutoCloseable {

    /**
     * A subscriber with a blocking buffer of {@code capacity} elements.
     *
     * @throws IllegalArgumentException if {@code capacity} is not 1 to the implementation's maximum
     * @throws IllegalStateException if the hub is closed
     */
    Subscription<E> subscribe(int capacity);

    /**
     * A subscriber with an overwriting buffer of {@code capacity} elements: when full, the oldest element
     * is dropped and handed to {@code onDrop} (called on the publishing thread).
     */
    Subscription<E> subscribe(int capacity, Consumer<? super E> onDrop);

    /**
     * Gives {@code element} to a subscriber with room, without waiting.
     *
     * @return whether a subscriber took it; false when there is none or every blocking buffer is full
     * @throws NullPointerException if {@code element} is null
     * @throws IllegalStateException if the hub is closed
     */
    boolean tryPublish(E element);

    /**
     * Gives {@code element} to a subscriber, waiting up to {@code timeout} for room at the subscriber whose
     * turn it is when every buffer is full.
     *
     * @return whether a subscriber took it; false at once when there is no subscriber
     */
    boolean publish(E element, Duration timeout) throws InterruptedException;

    /** The number of current subscribers. */
    int subscribers();

    /** Refuses further publishes. Idempotent. */
    @Override
    void close();
}
