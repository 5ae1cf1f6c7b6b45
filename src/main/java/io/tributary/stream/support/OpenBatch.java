package io.tributary.stream.support;

import io.tributary.stream.Message;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The messages a consumer has handed out and not yet committed, and how each was settled.
 *
 * <p>Messages are tracked by identity: only the very objects handed out can be settled. A batch is
 * complete when every message is settled; the settlement that completes it returns the whole list, so
 * exactly one caller commits. Settling costs the same whatever the batch size (a batch of
 * {@link io.tributary.stream.ConsumerOptions#MAX_BATCH_SIZE} is settled in linear time).
 *
 * <p>When the commit of a completed batch failed ({@link #failed}), its messages are remembered until the
 * next {@link #begin}: settling one of them again does nothing, since the whole batch is delivered again
 * anyway. So the usual loop, whose {@code catch} nacks the message whose {@code ack} threw because the
 * commit failed, goes on instead of failing a second time. Thread-safe.
 */
public final class OpenBatch {

    private final String stream;
    private final Map<Message, Settlement> settled = new IdentityHashMap<>();
    private final List<Message> messages = new ArrayList<>();
    private final Set<Message> failed = Collections.newSetFromMap(new IdentityHashMap<>());
    private int unsettled;

    /** An empty batch for consumers of {@code stream} (named in errors). */
    public OpenBatch(String stream) {
        this.stream = stream;
    }

    /**
     * Starts tracking a new batch.
     *
     * @throws IllegalStateException if the previous batch has unsettled messages
     */
    public synchronized void begin(List<Message> batch) {
        checkSettled();
        messages.clear();
        settled.clear();
        failed.clear();
        messages.addAll(batch);
        for (Message m : batch) {
            settled.put(m, null);
        }
        unsettled = settled.size();
    }

    /** Whether {@code message} (this very object) was handed out in the open batch. */
    public synchronized boolean holds(Message message) {
        return settled.containsKey(message);
    }

    /** Throws if some messages of the open batch are not settled yet. */
    public synchronized void checkSettled() {
        int open = unsettled();
        if (open > 0) {
            throw new IllegalStateException(open + " message(s) of the previous batch from stream '" + stream
                    + "' are not settled: ack or nack every message before receiving again");
        }
    }

    /**
     * Records a settlement.
     *
     * @return every settlement of the batch, in receive order, when this one completed it; else empty (also
     *         when the message belongs to the batch whose commit {@link #failed}: nothing is recorded)
     * @throws IllegalArgumentException if the message is not part of the open batch
     * @throws IllegalStateException    if it was settled already
     */
    public synchronized List<Settlement> settle(Message message, boolean ack, String reason) {
        if (failed.contains(message)) {
            return List.of();
        }
        if (message == null || !settled.containsKey(message)) {
            throw new IllegalArgumentException("message " + (message == null ? "null" : message.id())
                    + " is not part of the open batch of this consumer of stream '" + stream
                    + "': settle only messages this consumer returned from its last receive");
        }
        if (!ack && (reason == null || reason.isBlank())) {
            throw new IllegalArgumentException("nack of message " + message.id() + " needs a reason (not blank)");
        }
        Settlement previous = settled.get(message);
        if (previous != null) {
            throw new IllegalStateException("message " + message.id() + " was already "
                    + (previous.acked() ? "acked" : "nacked") + ": a message is settled once");
        }
        settled.put(message, new Settlement(message, ack ? Settlement.Outcome.ACK : Settlement.Outcome.NACK, reason));
        if (--unsettled > 0) {
            return List.of();
        }
        return end();
    }

    /**
     * Ends the open batch early (its consumer is closing): every settlement so far, in receive order,
     * with the unsettled messages as {@link Settlement.Outcome#RELEASE}. Empty when no batch is open.
     */
    public synchronized List<Settlement> release() {
        for (Message m : messages) {
            settled.computeIfAbsent(m, k -> new Settlement(k, Settlement.Outcome.RELEASE, null));
        }
        return end();
    }

    private List<Settlement> end() {
        List<Settlement> all = new ArrayList<>(messages.size());
        for (Message m : messages) {
            all.add(settled.get(m));
        }
        messages.clear();
        settled.clear();
        unsettled = 0;
        return all;
    }

    /**
     * Records that the commit of {@code batch} (as returned by the settlement that completed it) failed:
     * settling its messages again is a no-op until the next {@link #begin}.
     */
    public synchronized void failed(List<Settlement> batch) {
        for (Settlement s : batch) {
            failed.add(s.message());
        }
    }

    /** The messages handed out and not settled yet. */
    public synchronized int unsettled() {
        return unsettled;
    }

    /** Forgets the open batch (after a rollback): its messages can no longer be settled. */
    public synchronized void abandon() {
        end();
    }
}
