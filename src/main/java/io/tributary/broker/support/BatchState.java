package io.tributary.broker.support;

/**
 * Where a batch is in its life: open, acked, or returned because its consumer closed. Guarded by the
 * lock of whoever owns the batch.
 */
public final class BatchState {

    private enum State { OPEN, ACKED, RETURNED }

    private State state = State.OPEN;

    /**
     * Marks the batch acked.
     *
     * @throws IllegalStateException naming why, if it was acked already or returned
     */
    public void ack(int size) {
        if (state != State.OPEN) {
            throw new IllegalStateException("this batch of " + size + " events cannot be acked: it was "
                    + (state == State.ACKED ? "acked already"
                            : "returned for redelivery when its consumer closed; the events will be delivered again"));
        }
        state = State.ACKED;
    }

    /** Marks the batch returned to its broker for redelivery. */
    public void returned() {
        state = State.RETURNED;
    }
}
