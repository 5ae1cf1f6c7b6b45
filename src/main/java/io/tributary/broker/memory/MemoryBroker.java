package io.tributary.broker.memory;

import io.tributary.broker.Batch;
import io.tributary.broker.Broker;
import io.tributary.broker.BrokerClosedException;
import io.tributary.broker.BrokerConsumer;
import io.tributary.broker.BrokerProducer;
import io.tributary.broker.BufferConfig;
import io.tributary.broker.Eventer;
import io.tributary.broker.ProducerConfig;
import io.tributary.broker.support.Callbacks;
import io.tributary.broker.support.EmptyBatch;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.logging.Logger;

/**
 * The in-memory {@link Broker}: a bounded {@link RingBuffer} behind one lock with two conditions.
 *
 * <p>Publishing takes the lock once per event; {@code get} and {@code ack} take it once per batch and
 * move a whole batch at a time, so with batches of a thousand events the lock is cheap. Waiting threads
 * are signalled only when some are waiting. Acks are reported under a second lock, taken before the
 * first, so that callbacks from concurrent acks are called one at a time and in publish order; the
 * callbacks run outside the buffer lock and may publish.
 *
 * <p>A consumer is dead when it is {@linkplain BrokerConsumer#close() closed} or, never closed, has
 * become unreachable (its thread ended): then its un-acked batches are delivered again; the second case
 * waits for the garbage collector. Everything buffered is lost if the JVM dies. See {@link Broker} for
 * the contract.
 *
 * @param <E> the event type
 */
public final class MemoryBroker<E> implements Broker<E> {

    private static final Logger LOG = Logger.getLogger(MemoryBroker.class.getName());

    private final String name;
    private final BufferConfig buffer;
    private final Eventer eventer;
    private final RingBuffer<E> ring;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition notFull = lock.newCondition();
    private final Condition notEmpty = lock.newCondition();
    private final ReentrantLock ackOrder = new ReentrantLock();
    private int producersWaiting;
    private int consumersWaiting;
    private boolean closed;

    /** A broker named {@code name} (in logs and errors) with the given bounds; {@code eventer} hears every ack. */
    public MemoryBroker(String name, BufferConfig buffer, Eventer eventer) {
        this.name = Objects.requireNonNull(name, "name must not be null");
        this.buffer = Objects.requireNonNull(buffer, "buffer must not be null");
        this.eventer = Objects.requireNonNull(eventer, "eventer must not be null (use Eventer.NONE)");
        this.ring = new RingBuffer<>(buffer.capacity());
    }

    /** A broker named {@code memory} with the given bounds and no eventer. */
    public MemoryBroker(BufferConfig buffer) {
        this("memory", buffer, Eventer.NONE);
    }

    @Override
    public BrokerProducer<E> producer(ProducerConfig<? super E> config) {
        return new MemoryProducer<>(this, Objects.requireNonNull(config, "config must not be null"));
    }

    @Override
    public BrokerConsumer<E> consumer() {
        return new MemoryConsumer<>(this);
    }

    @Override
    public BufferConfig bufferConfig() {
        return buffer;
    }

    @Override
    public void close() {
        lock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            notFull.signalAll();
            notEmpty.signalAll();
        } finally {
            lock.unlock();
        }
        LOG.info(() -> "broker '" + name + "' closed: publishing refused, consumers drain what is left");
    }

    String name() {
        return name;
    }

    void publish(MemoryProducer<E> producer, E event) throws InterruptedException {
        Objects.requireNonNull(event, "event must not be null");
        lock.lock();
        try {
            while (!offer(producer, event)) {
                producersWaiting++;
                try {
                    notFull.await();
                } finally {
                    producersWaiting--;
                }
            }
        } finally {
            lock.unlock();
        }
    }

    boolean tryPublish(MemoryProducer<E> producer, E event) {
        Objects.requireNonNull(event, "event must not be null");
        lock.lock();
        try {
            return offer(producer, event);
        } finally {
            lock.unlock();
        }
    }

    private boolean offer(MemoryProducer<E> producer, E event) {
        if (closed) {
            throw new BrokerClosedException("broker '" + name + "' is closed: the event was not accepted");
        }
        producer.checkActive();
        if (!ring.hasRoom()) {
            return false;
        }
        ring.put(producer, event);
        if (consumersWaiting > 0) {
            notEmpty.signal();
        }
        return true;
    }

    Batch<E> take(Holdings<E> consumer, int n, long timeoutNanos) throws InterruptedException {
        int size = buffer.batchSize(n);
        long nanos = timeoutNanos;
        lock.lockInterruptibly();
        try {
            while (ring.deliverable() == 0) {
                consumer.checkOpen();
                if (closed && ring.isEmpty()) {
                    throw new BrokerClosedException("broker '" + name + "' is closed and has nothing left to deliver");
                }
                if (nanos == 0) {
                    return EmptyBatch.instance();
                }
                consumersWaiting++;
                try {
                    if (nanos < 0) {
                        notEmpty.await();
                    } else {
                        nanos = Math.max(0, notEmpty.awaitNanos(nanos));
                    }
                } finally {
                    consumersWaiting--;
                }
            }
            consumer.checkOpen();
            MemoryBatch<E> batch = new MemoryBatch<>(this, consumer, ring.take(size));
            consumer.opened(batch);
            return batch;
        } finally {
            lock.unlock();
        }
    }

    void ack(MemoryBatch<E> batch) {
        ackOrder.lock();
        try {
            List<RingBuffer.Run> runs;
            lock.lock();
            try {
                batch.settle();
                runs = ring.ack(batch.taken());
                freed();
            } finally {
                lock.unlock();
            }
            report(runs);
        } finally {
            ackOrder.unlock();
        }
    }

    /** Returns an un-acked batch for redelivery; called with the lock held by {@link Holdings#close()}. */
    void giveBack(MemoryBatch<E> batch) {
        ring.giveBack(batch.taken());
    }

    /** Wakes waiting gets, to take returned batches or to notice their consumer closed; called with the lock held. */
    void wakeConsumers() {
        notEmpty.signalAll();
    }

    int drop(MemoryProducer<E> producer, boolean dropEvents) {
        List<E> dropped = new ArrayList<>();
        ackOrder.lock();
        try {
            List<RingBuffer.Run> runs = List.of();
            lock.lock();
            try {
                if (!producer.markCancelled()) {
                    return 0;
                }
                if (dropEvents) {
                    runs = ring.drop(producer, dropped);
                    freed();
                }
                notFull.signalAll();
            } finally {
                lock.unlock();
            }
            report(runs);
        } finally {
            ackOrder.unlock();
        }
        for (E event : dropped) {
            Callbacks.dropped(name, producer.config().onDrop(), event);
        }
        return dropped.size();
    }

    ReentrantLock lock() {
        return lock;
    }

    private void freed() {
        if (producersWaiting > 0) {
            notFull.signalAll();
        }
        if (closed && ring.isEmpty() && consumersWaiting > 0) {
            notEmpty.signalAll();
        }
    }

    @SuppressWarnings("unchecked")
    private void report(List<RingBuffer.Run> runs) {
        int total = 0;
        for (RingBuffer.Run run : runs) {
            Callbacks.acked(name, ((MemoryProducer<E>) run.owner()).config().onAck(), run.count());
            total += run.count();
        }
        Callbacks.acked(name, eventer, total);
    }
}
