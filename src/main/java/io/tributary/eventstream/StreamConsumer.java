package io.tributary.eventstream;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Feeds the events of a stream to an {@link EventHandler}, resuming where the handler's own records
 * say, and restarting after failures.
 *
 * <p>{@link #run()} loops until {@link #stop()}: it asks {@link EventHandler#nextOffset} where to
 * resume, opens a cursor there for the consumer's event types and hands each event to
 * {@link EventHandler#handleEvent}, one at a time and in offset order, holding a permit of the
 * consumer's {@link Semaphore} while the handler runs (share one semaphore between consumers to bound
 * how many handle events at once). When anything fails (the handler, {@code nextOffset}, opening or
 * reading, including {@link Truncated}) the cursor is closed, the failure is logged, the consumer waits
 * {@link BackoffStrategy#delay} for the count of consecutive failures and starts again from
 * {@code nextOffset}; a successfully handled event resets the count. Delivery is at-least-once;
 * effects are exactly-once when the handler records {@code offset + 1} with its effect. Each event is
 * handled inside its cursor's {@link Cursor#handling handling scope}: on a traced stream the event's
 * {@code process} span, parented on the context it was appended with, is current while the handler runs.
 *
 * <p>Thread safety: {@code run} is called by one thread; {@link #stop()} from any thread, and it wakes
 * {@code run} promptly (it closes the open cursor and cuts a backoff wait short).
 */
public final class StreamConsumer {

    private static final Logger LOG = Logger.getLogger(StreamConsumer.class.getName());

    private final EventStream stream;
    private final Set<String> types;
    private final EventHandler handler;
    private final Semaphore semaphore;
    private final BackoffStrategy backoff;
    private final Duration pollInterval;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final AtomicReference<Cursor> current = new AtomicReference<>();
    private int failures;

    private StreamConsumer(Builder b) {
        this.stream = Objects.requireNonNull(b.stream, "stream");
        this.handler = Objects.requireNonNull(b.handler, "handler");
        this.types = b.types != null ? carried(stream, b.types) : stream.eventTypes();
        this.semaphore = b.semaphore != null ? b.semaphore : new Semaphore(1);
        this.backoff = b.backoff != null ? b.backoff : ExponentialBackoff.defaults();
        this.pollInterval = b.pollInterval;
    }

    /** {@code types}, checked to be a non-empty subset of the types {@code stream} carries. */
    private static Set<String> carried(EventStream stream, Set<String> types) {
        Set<String> missing = new TreeSet<>(types);
        missing.removeAll(stream.eventTypes());
        if (types.isEmpty() || !missing.isEmpty()) {
            throw new IllegalArgumentException("consumer of event stream " + stream.identity() + ": event types "
                    + (types.isEmpty() ? "[] (none)" : missing + " are not carried by the stream")
                    + ": handle a non-empty subset of " + stream.eventTypes());
        }
        return Set.copyOf(types);
    }

    /** A builder for a consumer of {@code stream} feeding {@code handler}. */
    public static Builder builder(EventStream stream, EventHandler handler) {
        return new Builder(stream, handler);
    }

    /**
     * Consumes until {@link #stop()} is called or the thread is interrupted.
     *
     * @throws InterruptedException if the thread was interrupted while waiting
     */
    public void run() throws InterruptedException {
        LOG.fine(() -> "consumer of " + stream.identity() + " started");
        while (!isStopped()) {
            try {
                consume();
            } catch (InterruptedException e) {
                throw e;
            } catch (Exception e) {
                if (isStopped()) {
                    break;
                }
                int inARow = ++failures;
                Duration delay = backoff.delay(inARow);
                LOG.warning(() -> "consumer of " + stream.identity() + " failed (" + e + "), failure " + inARow
                        + " in a row; restarting in " + delay.toMillis() + " ms");
                LOG.log(Level.FINE, "consumer failure", e);
                stopped.await(delay.toNanos(), TimeUnit.NANOSECONDS);
            }
        }
        LOG.fine(() -> "consumer of " + stream.identity() + " stopped");
    }

    /** Makes {@link #run()} return soon; an event being handled is finished first. */
    public void stop() {
        stopped.countDown();
        Cursor cursor = current.getAndSet(null);
        if (cursor != null) {
            closeQuietly(cursor);
        }
    }

    /** Whether {@link #stop()} was called. */
    public boolean isStopped() {
        return stopped.getCount() == 0;
    }

    private void consume() throws Exception {
        Cursor cursor = stream.open(handler.nextOffset(stream.identity()), types);
        current.set(cursor);
        try {
            while (!isStopped()) {
                Optional<Event> next = cursor.next(pollInterval);
                if (next.isPresent()) {
                    Event event = next.get();
                    semaphore.acquire();
                    try (EventHandling handling = cursor.handling(event)) {
                        handle(event, handling);
                    } finally {
                        semaphore.release();
                    }
                    failures = 0;
                }
            }
        } finally {
            if (current.compareAndSet(cursor, null)) {
                closeQuietly(cursor);
            }
        }
    }

    /** Hands {@code event} to the handler inside its handling scope, marking the scope failed if it throws. */
    private void handle(Event event, EventHandling handling) throws Exception {
        try {
            handler.handleEvent(event.offset(), event);
        } catch (Throwable e) {
            handling.failed(e);
            throw e;
        }
    }

    private static void closeQuietly(Cursor cursor) {
        try {
            cursor.close();
        } catch (CursorClosed alreadyClosed) {
            LOG.finest("cursor was already closed");
        }
    }

    /** Configures a {@link StreamConsumer}; unset options take the documented defaults. */
    public static final class Builder {

        private final EventStream stream;
        private final EventHandler handler;
        private Set<String> types;
        private Semaphore semaphore;
        private BackoffStrategy backoff;
        private Duration pollInterval = Duration.ofMillis(500);

        private Builder(EventStream stream, EventHandler handler) {
            this.stream = stream;
            this.handler = handler;
        }

        /**
         * The event types to handle, a non-empty subset of the stream's {@link EventStream#eventTypes()}
         * (checked by {@link #build()}, which refuses a type the stream does not carry, naming it and the
         * types allowed); default: every type of the stream.
         */
        public Builder types(Set<String> types) {
            this.types = Objects.requireNonNull(types, "types");
            return this;
        }

        /** Bounds concurrent handling (share it between consumers); default: a private semaphore of 1. */
        public Builder semaphore(Semaphore semaphore) {
            this.semaphore = Objects.requireNonNull(semaphore, "semaphore");
            return this;
        }

        /** The delay before restarting after failures; default {@link ExponentialBackoff#defaults()}. */
        public Builder backoff(BackoffStrategy backoff) {
            this.backoff = Objects.requireNonNull(backoff, "backoff");
            return this;
        }

        /** How long one wait for an event lasts before the stop flag is checked again; default 500 ms. */
        public Builder pollInterval(Duration pollInterval) {
            if (pollInterval == null || pollInterval.isNegative() || pollInterval.isZero()) {
                throw new IllegalArgumentException("poll interval " + pollInterval + " is not allowed: use a positive duration");
            }
            this.pollInterval = pollInterval;
            return this;
        }

        /**
         * The consumer.
         *
         * @throws IllegalArgumentException if a type to handle is not one the stream carries
         */
        public StreamConsumer build() {
            return new StreamConsumer(this);
        }
    }
}
