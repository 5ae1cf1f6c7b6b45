package io.tributary.fanin.memory;

import io.tributary.fanin.Emitter;
import io.tributary.fanin.Source;

import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;

/**
 * A {@link Source} over a {@link Flow.Publisher} (e.g. a {@link java.util.concurrent.SubmissionPublisher}
 * an in-process producer submits to): each subscription subscribes once, so every subscription receives
 * every item published while it is subscribed, as from a topic.
 *
 * <p>Back-pressure is end to end: the source requests at most {@code prefetch} items ahead and one more
 * for each item its subscription took. The share ends when the publisher completes (after handing on
 * what it sent) or fails (the failure ends the share and is logged by the aggregator), or when it is
 * cancelled (the Flow subscription is then cancelled too, also when it arrives only after the share ended).
 *
 * @param <R> the request type, ignored
 * @param <T> the item type
 */
public final class PublisherSource<R, T> implements Source<R, T> {

    /** How often a waiting share checks for cancellation, in milliseconds. */
    private static final long CHECK_MILLIS = 20;

    private final Flow.Publisher<? extends T> publisher;
    private final int prefetch;

    /**
     * A source over {@code publisher} requesting up to {@code prefetch} items ahead (1 to 1,024).
     *
     * @throws IllegalArgumentException if {@code prefetch} is out of range
     */
    public PublisherSource(Flow.Publisher<? extends T> publisher, int prefetch) {
        this.publisher = Objects.requireNonNull(publisher, "publisher must not be null");
        if (prefetch < 1 || prefetch > 1024) {
            throw new IllegalArgumentException("prefetch " + prefetch + " is out of range: use 1 to 1024");
        }
        this.prefetch = prefetch;
    }

    @Override
    public void run(R request, Emitter<T> out) throws Exception {
        Handoff<T> handoff = new Handoff<>(prefetch);
        publisher.subscribe(handoff);
        try {
            while (!out.isCancelled()) {
                T item = handoff.items.poll(CHECK_MILLIS, TimeUnit.MILLISECONDS);
                if (item != null) {
                    if (!out.emit(item)) {
                        return;
                    }
                    handoff.subscription.request(1);
                } else if (handoff.ended && handoff.items.isEmpty()) {
                    if (handoff.failure != null) {
                        throw new IllegalStateException("publisher failed", handoff.failure);
                    }
                    return;
                }
            }
        } finally {
            handoff.cancel();
        }
    }

    /** Receives from the publisher into a queue as long as the demand it signalled. */
    private static final class Handoff<T> implements Flow.Subscriber<T> {
        private final int prefetch;
        private final BlockingQueue<T> items;
        private volatile Flow.Subscription subscription;
        private volatile boolean ended;
        private volatile Throwable failure;
        /** Set once the share ends; guarded by {@code this}. */
        private boolean cancelled;

        Handoff(int prefetch) {
            this.prefetch = prefetch;
            this.items = new ArrayBlockingQueue<>(prefetch);
        }

        @Override
        public void onSubscribe(Flow.Subscription s) {
            synchronized (this) {
                if (!cancelled) {
                    subscription = s;
                    s.request(prefetch);
                    return;
                }
            }
            s.cancel();
        }

        /** Cancels the Flow subscription: at once when it arrived, else as soon as it arrives. */
        void cancel() {
            Flow.Subscription s;
            synchronized (this) {
                cancelled = true;
                s = subscription;
            }
            if (s != null) {
                s.cancel();
            }
        }

        @Override
        public void onNext(T item) {
            if (!items.offer(item)) {
                subscription.cancel();
                onError(new IllegalStateException("publisher sent more than the " + prefetch + " items requested"));
            }
        }

        @Override
        public void onError(Throwable t) {
            failure = t;
            ended = true;
        }

        @Override
        public void onComplete() {
            ended = true;
        }
    }
}
