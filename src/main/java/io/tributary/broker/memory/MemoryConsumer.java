package io.tributary.broker.memory;

import io.tributary.broker.Batch;
import io.tributary.broker.BrokerClosedException;
import io.tributary.broker.BrokerConsumer;
import io.tributary.broker.support.Timeouts;

import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;

/** A consumer of a {@link MemoryBroker}; see {@link BrokerConsumer}. Its state is guarded by the broker's lock. */
final class MemoryConsumer<E> implements BrokerConsumer<E> {

    private final MemoryBroker<E> broker;
    /** Un-acked batches; bounded because each holds at least one of the broker's bounded slots. */
    private final Set<MemoryBatch<E>> open = new LinkedHashSet<>();
    private boolean closed;

    MemoryConsumer(MemoryBroker<E> broker) {
        this.broker = broker;
    }

    @Override
    public Batch<E> get(int n) throws InterruptedException {
        return broker.take(this, n, -1);
    }

    @Override
    public Batch<E> get(int n, Duration timeout) throws InterruptedException {
        return broker.take(this, n, Timeouts.nanos(timeout));
    }

    @Override
    public void close() {
        ReentrantLock lock = broker.lock();
        lock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            for (MemoryBatch<E> batch : open) {
                batch.returned();
                broker.giveBack(batch);
            }
            open.clear();
        } finally {
            lock.unlock();
        }
    }

    void checkOpen() {
        if (closed) {
            throw new BrokerClosedException("this consumer of broker '" + broker.name() + "' is closed");
        }
    }

    void opened(MemoryBatch<E> batch) {
        open.add(batch);
    }

    void settled(MemoryBatch<E> batch) {
        open.remove(batch);
    }
}
