package io.tributary.eventstream;

/**
 * The application side of a {@link StreamConsumer}.
 *
 * <p>For exactly-once <em>effects</em>, {@link #handleEvent} records {@code offset + 1} as the stream's
 * next offset <em>together with</em> (in the same transaction as) the event's effect, and
 * {@link #nextOffset} returns what was last recorded. Then an event whose handling failed, or whose
 * handler crashed, is handed over again after the restart, and an event whose effect was recorded is
 * never handed over again.
 *
 * <p>Calls for one consumer come from its one thread, in offset order; a handler shared by several
 * consumers must be thread safe.
 */
public interface EventHandler {

    /**
     * The offset to resume {@code stream} from: the offset after the last event whose effect was
     * recorded, or 0 (or the first retained offset) if none.
     *
     * @throws Exception if it cannot be read; the consumer backs off and asks again
     */
    long nextOffset(StreamIdentity stream) throws Exception;

    /**
     * Applies {@code event} and records {@code offset + 1} with its effect.
     *
     * @throws Exception to have the consumer back off, reopen at {@link #nextOffset} and hand the event
     *                   over again
     */
    void handleEvent(long offset, Event event) throws Exception;
}
