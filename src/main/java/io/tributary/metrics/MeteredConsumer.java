package io.tributary.metrics;

import io.tributary.stream.Consumer;
import io.tributary.stream.Message;
import io.tributary.stream.RedeliveryPolicy;
import io.tributary.stream.StreamException;
import io.tributary.stream.support.ForwardingConsumer;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A {@link Consumer} that counts what its delegate does: received and redelivered messages at
 * {@code receive}; acked, nacked and dead-lettered ones (a nack on the last attempt of the
 * {@link RedeliveryPolicy}) after the delegate accepted the settlement, with the time since the batch
 * was received. The unsettled gauge falls back by what is left of the batch when a commit fails (the
 * broker delivers it again) or the consumer closes. Messages the delegate dead-letters itself at receive
 * (undecodable ones) are not counted here. Thread safety as the delegate's.
 */
final class MeteredConsumer extends ForwardingConsumer {

    private final StreamStats stats;
    private final RedeliveryPolicy redelivery;
    private final AtomicLong unsettled = new AtomicLong();
    private volatile long batchReceivedAt;

    MeteredConsumer(Consumer delegate, StreamStats stats, RedeliveryPolicy redelivery) {
        super(delegate);
        this.stats = stats;
        this.redelivery = redelivery;
        stats.opened(false);
    }

    @Override
    public List<Message> receive(int max, Duration wait) throws InterruptedException {
        return received(delegate().receive(max, wait));
    }

    @Override
    public List<Message> receive() throws InterruptedException {
        return received(delegate().receive());
    }

    @Override
    public void ack(Message message) {
        try {
            delegate().ack(message);
        } catch (StreamException e) {
            dropUnsettled();
            throw e;
        }
        stats.acked.add(1);
        settled();
    }

    @Override
    public void nack(Message message, String reason) {
        try {
            delegate().nack(message, reason);
        } catch (StreamException e) {
            dropUnsettled();
            throw e;
        }
        stats.nacked.add(1);
        if (message.deliveryAttempt() >= redelivery.maxAttempts()) {
            stats.deadLettered.add(1);
        }
        settled();
    }

    @Override
    public void close() {
        try {
            delegate().close();
        } finally {
            dropUnsettled();
            stats.closed(false);
        }
    }

    private List<Message> received(List<Message> batch) {
        if (batch.isEmpty()) {
            return batch;
        }
        batchReceivedAt = System.nanoTime();
        unsettled.addAndGet(batch.size());
        stats.unsettled.addAndGet(batch.size());
        stats.received.add(batch.size());
        stats.redelivered.add(batch.stream().filter(m -> m.deliveryAttempt() > 1).count());
        return batch;
    }

    private void settled() {
        if (unsettled.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            stats.unsettled.decrementAndGet();
        }
        stats.processingLatency.record(System.nanoTime() - batchReceivedAt);
    }

    private void dropUnsettled() {
        stats.unsettled.addAndGet(-unsettled.getAndSet(0));
    }
}
