package io.tributary.messaging;

import io.tributary.stream.Consumer;
import io.tributary.stream.Message;
import io.tributary.stream.support.ForwardingConsumer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/** A consumer that counts what it hands out and the most messages ever received and not yet settled. */
final class CountingConsumer extends ForwardingConsumer {

    final AtomicInteger received = new AtomicInteger();
    final AtomicInteger maxAhead = new AtomicInteger();
    private final AtomicInteger ahead = new AtomicInteger();

    CountingConsumer(Consumer delegate) {
        super(delegate);
    }

    @Override
    public List<Message> receive(int max, Duration wait) throws InterruptedException {
        List<Message> batch = delegate().receive(max, wait);
        received.addAndGet(batch.size());
        maxAhead.accumulateAndGet(ahead.addAndGet(batch.size()), Math::max);
        return batch;
    }

    @Override
    public List<Message> receive() throws InterruptedException {
        throw new UnsupportedOperationException("the connector always passes max and wait");
    }

    @Override
    public void ack(Message message) {
        delegate().ack(message);
        ahead.decrementAndGet();
    }

    @Override
    public void nack(Message message, String reason) {
        delegate().nack(message, reason);
        ahead.decrementAndGet();
    }
}
