package io.tributary.stream.support;

import io.tributary.stream.ConsumerOptions;
import io.tributary.stream.Message;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Collects one consumer batch from a source, with fixed or adaptive batching
 * ({@link ConsumerOptions#linger()}).
 *
 * <p>The batch starts with what the source yields within the receive wait. With a zero linger that is
 * the batch. With a positive linger the collector asks the source again, until the batch holds
 * {@code max} messages or the linger, counted from when the first message was taken, has passed; a
 * source that yields nothing by the linger deadline ends the batch. So with messages waiting batches are
 * full, and a slowly arriving message is never held longer than the linger.
 *
 * <p>Nothing taken is ever dropped: an interrupt while lingering ends the batch with what was taken
 * (the interrupt flag is set again, so the caller's next blocking call sees it). Stateless and
 * thread-safe; a source is used by one thread at a time, as a consumer's receive is.
 */
public final class BatchCollector {

    private BatchCollector() {
    }

    /**
     * Where a consumer takes messages from: the messages available now, up to {@code max}, waiting until
     * {@code deadlineNanos} ({@link System#nanoTime()} scale) for the first one; empty if none came.
     *
     * @param <E> the transport's checked exception
     */
    @FunctionalInterface
    public interface Source<E extends Exception> {
        /** Up to {@code max} messages, waiting until {@code deadlineNanos} for the first; may return fewer. */
        List<Message> take(int max, long deadlineNanos) throws E, InterruptedException;
    }

    /**
     * One batch of at most {@code max} messages: waits at most {@code wait} for the first, then at most
     * {@code linger} for more.
     */
    public static <E extends Exception> List<Message> collect(Source<E> source, int max, Duration wait,
            Duration linger) throws E, InterruptedException {
        List<Message> first = source.take(max, System.nanoTime() + wait.toNanos());
        if (first.isEmpty() || first.size() >= max || linger.isZero()) {
            return first;
        }
        long lingerEnd = System.nanoTime() + linger.toNanos();
        List<Message> batch = new ArrayList<>(first);
        while (batch.size() < max && lingerEnd - System.nanoTime() > 0) {
            List<Message> more;
            try {
                more = source.take(max - batch.size(), lingerEnd);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            if (more.isEmpty()) {
                break;
            }
            batch.addAll(more);
        }
        return batch;
    }
}
