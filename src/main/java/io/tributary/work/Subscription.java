package io.tributary.work;

import java.time.Duration;
import java.util.List;

/**
 * One subscriber's share of a {@link Hub}: a bounded buffer it polls.
 *
 * @param <E> the element type
 */
public interface Subscription<E> {

    /**
     * The next element, waiting up to {@code timeout}.
     *
     * @return the element, or {@code null} if none arrived in time or the subscription ended and is empty
     */
    E poll(Duration timeout) throws InterruptedException;

    /** Elements waiting in the buffer now. */
    int buffered();

    /** Elements this subscription's overwriting buffer dropped (always 0 for a blocking one). */
    long dropped();

    /**
     * Leaves the hub: no element is given to this subscription afterwards. Idempotent.
     *
     * @return the elements still buffered, in order; the caller owns them (empty on later calls)
     */
    List<E> unsubscribe();
}
