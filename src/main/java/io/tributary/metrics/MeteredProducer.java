package io.tributary.metrics;

import io.tributary.stream.Message;
import io.tributary.stream.Producer;
import io.tributary.stream.support.ForwardingProducer;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * A {@link Producer} that counts what its delegate does: a send is in flight from the call until its
 * stage completes, then counted as sent (with its latency) or failed. The stage returned completes after
 * the counts are updated. Everything else is the delegate's contract. Thread-safe as the delegate().
 */
final class MeteredProducer extends ForwardingProducer {

    private final StreamStats stats;

    MeteredProducer(Producer delegate, StreamStats stats) {
        super(delegate);
        this.stats = stats;
        stats.opened(true);
    }

    @Override
    public CompletionStage<Void> send(Message message) throws InterruptedException {
        long start = begin(1);
        try {
            return track(delegate().send(message), start, 1);
        } catch (RuntimeException | InterruptedException e) {
            stats.sendsInFlight.addAndGet(-1);
            throw e;
        }
    }

    @Override
    public Optional<CompletionStage<Void>> trySend(Message message) {
        long start = begin(1);
        Optional<CompletionStage<Void>> sent;
        try {
            sent = delegate().trySend(message);
        } catch (RuntimeException e) {
            stats.sendsInFlight.addAndGet(-1);
            throw e;
        }
        if (sent.isEmpty()) {
            stats.sendsInFlight.addAndGet(-1);
        }
        return sent.map(stage -> track(stage, start, 1));
    }

    @Override
    public CompletionStage<Void> sendAll(List<Message> messages) throws InterruptedException {
        int n = messages.size();
        long start = begin(n);
        try {
            return track(delegate().sendAll(messages), start, n);
        } catch (RuntimeException | InterruptedException e) {
            stats.sendsInFlight.addAndGet(-n);
            throw e;
        }
    }

    @Override
    public void close() {
        try {
            delegate().close();
        } finally {
            stats.closed(true);
        }
    }

    private long begin(int n) {
        stats.sendsInFlight.addAndGet(n);
        return System.nanoTime();
    }

    private CompletionStage<Void> track(CompletionStage<Void> stage, long start, int n) {
        return stage.whenComplete((ok, error) -> {
            stats.sendsInFlight.addAndGet(-n);
            if (error == null) {
                stats.sent.add(n);
                stats.sendLatency.record(System.nanoTime() - start);
            } else {
                stats.sendFailed.add(n);
            }
        });
    }
}
