package io.tributary.broker.jms;

import io.tributary.broker.BrokerClosedException;
import io.tributary.broker.BrokerException;
import io.tributary.stream.Message;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The events a {@link JmsBroker} instance published and has not yet released, per producer in publish
 * order: the JMS broker's buffer. Thread-safe.
 *
 * <p>An event is released when it is acked or dropped, and only once every earlier event of its
 * producer is released, so acks are reported per producer in publish order. At most {@code capacity}
 * events are held: {@link #reserve} waits beyond it, so a stuck event (one held by a consumer that never
 * acks) stops its producer, the same back-pressure the in-memory ring gives -- for at most
 * {@code maxWait}, after which the publish fails with a {@link BrokerException}.
 */
final class AckLedger {

    /** A producer's run of acked events, reported to it in publish order. */
    record Run(JmsBrokerProducer owner, int count) {
    }

    private enum State { PENDING, ACKED, DROPPED }

    private static final class Entry {
        final JmsBrokerProducer owner;
        final Message event;
        State state = State.PENDING;

        Entry(JmsBrokerProducer owner, Message event) {
            this.owner = owner;
            this.event = event;
        }
    }

    private final String broker;
    private final int capacity;
    private final Duration maxWait;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition notFull = lock.newCondition();
    private final Map<String, Entry> pending = new HashMap<>();
    private final Map<JmsBrokerProducer, ArrayDeque<Entry>> byOwner = new LinkedHashMap<>();
    private int held;
    private boolean closed;

    /** A ledger of at most {@code capacity} events, where a reservation waits at most {@code maxWait} for room. */
    AckLedger(String broker, int capacity, Duration maxWait) {
        this.broker = broker;
        this.capacity = capacity;
        this.maxWait = maxWait;
    }

    /**
     * Records an event about to be sent, waiting while the ledger is full.
     *
     * @throws IllegalArgumentException if an event with its id is pending (it would be routed once)
     * @throws BrokerClosedException    if the broker is closed or the producer cancelled
     * @throws BrokerException          if there was no room within {@code maxWait}
     */
    void reserve(JmsBrokerProducer owner, Message event) throws InterruptedException {
        lock.lockInterruptibly();
        try {
            long left = maxWait.toNanos();
            while (!register(owner, event)) {
                if (left <= 0) {
                    throw new BrokerException("broker '" + broker + "': no room for event " + event.id() + " within "
                            + maxWait + " (tributary.producer.send-timeout-ms): " + capacity + " events published"
                            + " here are not acked yet (the capacity); the event was not published");
                }
                left = notFull.awaitNanos(left);
            }
        } finally {
            lock.unlock();
        }
    }

    /** Records an event about to be sent if there is room now; see {@link #reserve}. */
    boolean tryReserve(JmsBrokerProducer owner, Message event) {
        lock.lock();
        try {
            return register(owner, event);
        } finally {
            lock.unlock();
        }
    }

    private boolean register(JmsBrokerProducer owner, Message event) {
        if (closed) {
            throw new BrokerClosedException("broker '" + broker + "' is closed: the event was not accepted");
        }
        owner.checkActive();
        if (held >= capacity) {
            return false;
        }
        if (pending.containsKey(event.id())) {
            throw new IllegalArgumentException("event id '" + event.id() + "' is already published to broker '"
                    + broker + "' and not yet acked: the JMS broker routes an id once, publish a new message");
        }
        Entry e = new Entry(owner, event);
        pending.put(event.id(), e);
        byOwner.computeIfAbsent(owner, o -> new ArrayDeque<>()).add(e);
        held++;
        return true;
    }

    /** Forgets an event whose send failed, silently. */
    void abandon(String id) {
        settle(List.of(id), State.DROPPED);
    }

    /** Marks events acked; returns the runs now released, per producer in publish order. */
    List<Run> acked(Collection<String> ids) {
        return settle(ids, State.ACKED);
    }

    /** Marks events dropped (removed from the queue); returns the acked runs dropping them released. */
    List<Run> dropped(Collection<String> ids) {
        return settle(ids, State.DROPPED);
    }

    /** The original events with these ids that are still pending, in the given order. */
    List<Message> events(Collection<String> ids) {
        lock.lock();
        try {
            List<Message> out = new ArrayList<>();
            for (String id : ids) {
                Entry e = pending.get(id);
                if (e != null) {
                    out.add(e.event);
                }
            }
            return out;
        } finally {
            lock.unlock();
        }
    }

    /** The ids of the pending events of {@code owner}, in publish order. */
    List<String> pendingIds(JmsBrokerProducer owner) {
        lock.lock();
        try {
            List<String> ids = new ArrayList<>();
            for (Entry e : byOwner.getOrDefault(owner, new ArrayDeque<>())) {
                if (e.state == State.PENDING) {
                    ids.add(e.event.id());
                }
            }
            return ids;
        } finally {
            lock.unlock();
        }
    }

    /** Refuses further reservations and wakes waiting ones. */
    void close() {
        wake(true);
    }

    /** Wakes waiting reservations, e.g. because a producer was cancelled. */
    void wakeAll() {
        wake(false);
    }

    private void wake(boolean close) {
        lock.lock();
        try {
            closed |= close;
            notFull.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private List<Run> settle(Collection<String> ids, State state) {
        lock.lock();
        try {
            List<JmsBrokerProducer> touched = new ArrayList<>();
            for (String id : ids) {
                Entry e = pending.remove(id);
                if (e != null) {
                    e.state = state;
                    if (!touched.contains(e.owner)) {
                        touched.add(e.owner);
                    }
                }
            }
            List<Run> runs = new ArrayList<>();
            for (JmsBrokerProducer owner : touched) {
                release(owner, runs);
            }
            if (!touched.isEmpty()) {
                notFull.signalAll();
            }
            return runs;
        } finally {
            lock.unlock();
        }
    }

    private void release(JmsBrokerProducer owner, List<Run> runs) {
        ArrayDeque<Entry> queue = byOwner.get(owner);
        int count = 0;
        while (!queue.isEmpty() && queue.peekFirst().state != State.PENDING) {
            if (queue.pollFirst().state == State.ACKED) {
                count++;
            }
            held--;
        }
        if (queue.isEmpty()) {
            byOwner.remove(owner);
        }
        if (count > 0) {
            runs.add(new Run(owner, count));
        }
    }
}
