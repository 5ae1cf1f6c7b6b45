package io.tributary.work.hub;

import io.tributary.work.Hub;
import io.tributary.work.Subscription;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The in-process {@link Hub}: subscribers in a {@link SubscriptionRing}, each with its own
 * {@link RingBuffer}. Thread-safe.
 *
 * @param <E> the element type
 */
public final class RingHub<E> implements Hub<E> {

    private final String name;
    private final SubscriptionRing<Member> ring = new SubscriptionRing<>();
    private volatile boolean closed;

    /** A hub; {@code name} appears in errors. */
    public RingHub(String name) {
        this.name = Objects.requireNonNull(name, "hub name must not be null");
    }

    @Override
    public Subscription<E> subscribe(int capacity) {
        return join(RingBuffer.blocking(capacity));
    }

    @Override
    public Subscription<E> subscribe(int capacity, Consumer<? super E> onDrop) {
        return join(RingBuffer.overwriting(capacity, onDrop));
    }

    @Override
    public boolean tryPublish(E element) {
        for (Member m : turn(element)) {
            if (m.buffer.offer(element)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public boolean publish(E element, Duration timeout) throws InterruptedException {
        Objects.requireNonNull(timeout, "timeout must not be null");
        List<Member> turn = turn(element);
        for (Member m : turn) {
            if (m.buffer.offer(element)) {
                return true;
            }
        }
        return !turn.isEmpty() && turn.get(0).buffer.put(element, timeout);
    }

    @Override
    public int subscribers() {
        return ring.size();
    }

    @Override
    public void close() {
        closed = true;
    }

    private List<Member> turn(E element) {
        Objects.requireNonNull(element, "element must not be null");
        if (closed) {
            throw new IllegalStateException("hub '" + name + "' is closed: publish needs an open hub");
        }
        return ring.turn();
    }

    private Subscription<E> join(RingBuffer<E> buffer) {
        if (closed) {
            throw new IllegalStateException("hub '" + name + "' is closed: subscribe needs an open hub");
        }
        Member m = new Member(buffer);
        ring.add(m);
        return m;
    }

    /** A subscription: its buffer, and its place in the ring. */
    private final class Member implements Subscription<E> {
        private final RingBuffer<E> buffer;

        Member(RingBuffer<E> buffer) {
            this.buffer = buffer;
        }

        @Override
        public E poll(Duration timeout) throws InterruptedException {
            return buffer.poll(timeout);
        }

        @Override
        public int buffered() {
            return buffer.size();
        }

        @Override
        public long dropped() {
            return buffer.dropped();
        }

        @Override
        public List<E> unsubscribe() {
            ring.remove(this);
            return buffer.close();
        }
    }
}
