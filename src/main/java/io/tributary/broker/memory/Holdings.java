package io.tributary.broker.memory;

import io.tributary.broker.BrokerClosedException;

import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import java.util.logging.Logger;

/**
 * The un-acked batches of one {@link MemoryConsumer}, kept apart from the consumer object so that they
 * can be returned when the consumer is closed or, if it is never closed, when it becomes unreachable
 * (its thread died). Guarded by the broker's lock; the set is bounded because each batch holds at least
 * one of the broker's bounded slots.
 */
final class Holdings<E> {

    private static final Logger LOG = Logger.getLogger(Holdings.class.getName());

    private final MemoryBroker<E> broker;
    private final Set<MemoryBatch<E>> open = new LinkedHashSet<>();
    private boolean closed;

    Holdings(MemoryBroker<E> broker) {
        this.broker = broker;
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

    /** Returns every un-acked batch for redelivery and refuses further gets. Idempotent. */
    void close() {
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
            broker.wakeConsumers();
        } finally {
            lock.unlock();
        }
    }

    /** Closes the holdings of a consumer that became unreachable without being closed. */
    void abandoned() {
        ReentrantLock lock = broker.lock();
        lock.lock();
        try {
            if (closed) {
                return;
            }
            int batches = open.size();
            LOG.warning(() -> "a consumer of broker '" + broker.name() + "' was dropped without close(); its "
                    + batches + " un-acked batch(es) will be delivered again");
        } finally {
            lock.unlock();
        }
        close();
    }
}
