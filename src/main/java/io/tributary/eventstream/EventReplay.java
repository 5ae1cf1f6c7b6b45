package io.tributary.eventstream;

import io.tributary.stream.Message;
import io.tributary.stream.Producer;
import io.tributary.stream.StreamTimeoutException;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeoutException;

/**
 * Copies events of an {@link EventStream} into a message stream: from an offset, in offset order, at most
 * {@value #MAX_EVENTS} events per call and never beyond the head the stream had when the call began (it
 * does not wait for new events). Each event becomes one message with the event's payload as its value,
 * its timestamp, and the tags {@value #STREAM_TAG} (the event stream's identity), {@value #OFFSET_TAG} and
 * {@value #TYPE_TAG}; each message gets a new id, so replaying a range twice sends it twice. An event
 * appended with a trace context keeps it: the message carries it as its trace-context tags
 * ({@link Message#TRACEPARENT_TAG}, {@link Message#TRACESTATE_TAG}), so its consumer's {@code process}
 * span is parented on the original append; through a traced producer the message is sent with the
 * replay's own {@code send} span instead, which links to the original.
 *
 * <p>A replay that returned has every copied message confirmed by the broker (the producer is flushed). A
 * replay that threw may have sent a prefix of the range; the exception says where it stopped. The whole
 * call is bounded by its timeout. Stateless and thread safe; the producer must not be used by others
 * meanwhile if their messages should not interleave.
 */
public final class EventReplay {

    /** The most events one replay copies. */
    public static final int MAX_EVENTS = 10_000;
    /** The tag naming the event stream a replayed message comes from ({@code owner/name}). */
    public static final String STREAM_TAG = "event_stream";
    /** The tag holding the offset of the replayed event. */
    public static final String OFFSET_TAG = "event_offset";
    /** The tag holding the type of the replayed event. */
    public static final String TYPE_TAG = "event_type";

    /**
     * What a replay did.
     *
     * @param from  the first offset copied
     * @param next  the offset after the last one copied (where a following replay would start)
     * @param count how many events were copied
     */
    public record Result(long from, long next, int count) {
    }

    private EventReplay() {
    }

    /**
     * Copies up to {@code limit} events of {@code source} from offset {@code from} to {@code target}.
     *
     * @throws IllegalArgumentException for a limit out of 1..{@value #MAX_EVENTS}, or an offset below the
     *                                  retained range or beyond the head (the message names the offset and the
     *                                  range); nothing is sent then
     * @throws StreamTimeoutException   if the events could not be read and confirmed within {@code timeout}
     * @throws InterruptedException     if interrupted; a prefix may have been sent
     */
    public static Result replay(EventStream source, long from, int limit, Producer target, Duration timeout)
            throws InterruptedException {
        Objects.requireNonNull(target, "target");
        checkLimit(limit);
        Instant deadline = Instant.now().plus(timeout);
        RetainedRange range = source.retained();
        if (from < range.first() || from > range.head()) {
            throw new IllegalArgumentException("replay from offset " + from + " of event stream " + source.identity()
                    + " is not possible: use an offset of the retained range " + range.first() + " to " + range.head());
        }
        long end = Math.min(range.head(), from + limit);
        long next = from;
        try (Cursor cursor = open(source, from, range)) {
            while (next < end) {
                Optional<Event> event = cursor.next(deadline);
                if (event.isEmpty()) {
                    throw new StreamTimeoutException("replay of event stream " + source.identity() + " to "
                            + target.stream() + " stopped at offset " + next + ": no event within " + timeout);
                }
                target.send(message(source.identity(), event.get()));
                next = event.get().offset() + 1;
            }
        }
        flush(target, deadline, next);
        return new Result(from, next, (int) (next - from));
    }

    /**
     * {@code limit} as an event count.
     *
     * @throws IllegalArgumentException unless it is 1 to {@value #MAX_EVENTS}; the message names it
     */
    public static int checkLimit(long limit) {
        if (limit < 1 || limit > MAX_EVENTS) {
            throw new IllegalArgumentException("replay limit " + limit + " is out of range: use 1 to " + MAX_EVENTS);
        }
        return (int) limit;
    }

    private static Cursor open(EventStream source, long from, RetainedRange range) {
        try {
            return source.open(from, source.eventTypes());
        } catch (Truncated e) {
            throw new IllegalArgumentException("replay from offset " + from + " of event stream " + source.identity()
                    + ": retention dropped it meanwhile; the retained range starts at " + e.firstRetained()
                    + " (it was " + range + ")", e);
        }
    }

    private static Message message(StreamIdentity stream, Event event) {
        Message.Builder copy = Message.builder().value(event.payload()).timestamp(event.timestamp())
                .tag(STREAM_TAG, stream.toString())
                .tag(OFFSET_TAG, Long.toString(event.offset()))
                .tag(TYPE_TAG, event.type());
        event.trace().headers().forEach(copy::tag);
        return copy.build();
    }

    private static void flush(Producer target, Instant deadline, long next) throws InterruptedException {
        try {
            target.flush(Duration.between(Instant.now(), deadline).isNegative() ? Duration.ZERO
                    : Duration.between(Instant.now(), deadline));
        } catch (TimeoutException e) {
            throw new StreamTimeoutException("replay to " + target.stream() + ": the messages up to offset " + next
                    + " were not confirmed in time");
        }
    }
}
