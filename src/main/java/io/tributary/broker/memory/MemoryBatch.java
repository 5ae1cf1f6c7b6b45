package io.tributary.broker.memory;

import io.tributary.broker.Batch;
import io.tributary.broker.support.BatchState;

import java.util.List;

/** A batch of a {@link MemoryBroker}: a taken range of its ring. Its state is guarded by the broker's lock. */
final class MemoryBatch<E> implements Batch<E> {

    private final MemoryBroker<E> broker;
    private final Holdings<E> consumer;
    private final RingBuffer.Taken<E> taken;
    private final BatchState state = new BatchState();

    MemoryBatch(MemoryBroker<E> broker, Holdings<E> consumer, RingBuffer.Taken<E> taken) {
        this.broker = broker;
        this.consumer = consumer;
        this.taken = taken;
    }

    @Override
    public List<E> events() {
        return taken.events();
    }

    @Override
    public void ack() {
        broker.ack(this);
    }

    RingBuffer.Taken<E> taken() {
        return taken;
    }

    /** Marks this batch acked; throws, naming why, if it was not open. */
    void settle() {
        state.ack(events().size());
        consumer.settled(this);
    }

    /** Marks this batch returned to the broker. */
    void returned() {
        state.returned();
    }
}
