package io.tributary.testing;

import io.tributary.stream.Consumer;
import io.tributary.stream.Message;
import io.tributary.stream.StreamException;
import io.tributary.stream.support.ForwardingConsumer;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real {@link Consumer} whose next receives fail the way a receive fails while the broker connection is
 * re-created (a {@link StreamException}), then pass through: fault injection for the loops that must
 * survive it. Settlement and close go to the real consumer. Thread-safe as the consumer it wraps.
 */
public final class FailingReceives extends ForwardingConsumer {

    private final AtomicInteger failuresLeft = new AtomicInteger();
    private final AtomicInteger failed = new AtomicInteger();

    /** Wraps {@code delegate}; no receive fails until {@link #failNext(int)}. */
    public FailingReceives(Consumer delegate) {
        super(delegate);
    }

    /** Makes the next {@code count} receives throw. */
    public void failNext(int count) {
        failuresLeft.set(count);
    }

    /** The receives that failed so far. */
    public int failed() {
        return failed.get();
    }

    @Override
    public List<Message> receive(int max, Duration wait) throws InterruptedException {
        failIfAsked();
        return super.receive(max, wait);
    }

    @Override
    public List<Message> receive() throws InterruptedException {
        failIfAsked();
        return super.receive();
    }

    private void failIfAsked() {
        if (failuresLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            throw new StreamException("receive from stream '" + stream() + "' failed, nothing taken: injected"
                    + " connection loss " + failed.incrementAndGet());
        }
    }
}
