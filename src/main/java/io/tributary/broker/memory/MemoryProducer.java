package io.tributary.broker.memory;

import io.tributary.broker.BrokerClosedException;
import io.tributary.broker.BrokerProducer;
import io.tributary.broker.ProducerConfig;

/** A producer of a {@link MemoryBroker}; see {@link BrokerProducer}. Its state is guarded by the broker's lock. */
final class MemoryProducer<E> implements BrokerProducer<E> {

    private final MemoryBroker<E> broker;
    private final ProducerConfig<? super E> config;
    private boolean cancelled;

    MemoryProducer(MemoryBroker<E> broker, ProducerConfig<? super E> config) {
        this.broker = broker;
        this.config = config;
    }

    @Override
    public void publish(E event) throws InterruptedException {
        broker.publish(this, event);
    }

    @Override
    public boolean tryPublish(E event) {
        return broker.tryPublish(this, event);
    }

    @Override
    public int cancel() {
        return broker.drop(this, config.dropOnCancel());
    }

    ProducerConfig<? super E> config() {
        return config;
    }

    /** Marks this producer cancelled, called with the broker's lock held; false if it was already. */
    boolean markCancelled() {
        boolean was = cancelled;
        cancelled = true;
        return !was;
    }

    void checkActive() {
        if (cancelled) {
            throw new BrokerClosedException("this producer of broker '" + broker.name()
                    + "' was cancelled: the event was not accepted");
        }
    }
}
