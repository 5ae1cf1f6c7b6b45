package io.tributary.broker.support;

import io.tributary.broker.Batch;

import java.util.List;

/** The batch a timed-out {@code get} returns: no events, and acking it does nothing. Immutable. */
public final class EmptyBatch<E> implements Batch<E> {

    private static final EmptyBatch<Object> INSTANCE = new EmptyBatch<>();

    private EmptyBatch() {
    }

    /** The empty batch. */
    @SuppressWarnings("unchecked")
    public static <E> Batch<E> instance() {
        return (Batch<E>) INSTANCE;
    }

    @Override
    public List<E> events() {
        return List.of();
    }

    @Override
    public void ack() {
        // nothing was handed out, so nothing is settled
    }
}
