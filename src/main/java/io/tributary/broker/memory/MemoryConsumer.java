package io.tributary.broker.memory;

import io.tributary.broker.Batch;
import io.tributary.broker.BrokerConsumer;
import io.tributary.broker.support.Timeouts;

import java.lang.ref.Cleaner;
import java.time.Duration;

/**
 * A consumer of a {@link MemoryBroker}; see {@link BrokerConsumer}. Its batches are in its
 * {@link Holdings}; a consumer that becomes unreachable without being closed (its thread died) is
 * treated as dead: a {@link Cleaner} returns its batches for redelivery.
 */
final class MemoryConsumer<E> implements BrokerConsumer<E> {

    private static final Cleaner CLEANER = Cleaner.create();

    private final MemoryBroker<E> broker;
    private final Holdings<E> holdings;
    private final Cleaner.Cleanable cleanable;

    MemoryConsumer(MemoryBroker<E> broker) {
        this.broker = broker;
        this.holdings = new Holdings<>(broker);
        this.cleanable = CLEANER.register(this, holdings::abandoned);
    }

    @Override
    public Batch<E> get(int n) throws InterruptedException {
        return broker.take(holdings, n, -1);
    }

    @Override
    public Batch<E> get(int n, Duration timeout) throws InterruptedException {
        return broker.take(holdings, n, Timeouts.nanos(timeout));
    }

    @Override
    public void close() {
        holdings.close();
        cleanable.clean();
    }
}
