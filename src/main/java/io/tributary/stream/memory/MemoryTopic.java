package io.tributary.stream.memory;

import io.tributary.stream.Message;
import io.tributary.stream.Subscription;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * An in-memory topic: the queues of its subscriptions, each receiving a copy of what is published.
 *
 * <p>A publish offers the messages to every subscription present, one after another, waiting for room
 * in each (a full subscription holds the publisher back); if one stays full past the wait, the
 * subscriptions already served keep their copy and a resend is deduplicated by id in each. A
 * non-durable subscription is removed, and its ready messages discarded, when its last consumer
 * closes; a subscription that is not shared refuses a second consumer. Thread-safe.
 */
final class MemoryTopic implements MemoryTarget {

    private static final class Subscribed {
        final Subscription subscription;
        final MemoryQueue queue;
        int consumers;

        Subscribed(Subscription subscription, MemoryQueue queue) {
            this.subscription = subscription;
            this.queue = queue;
        }
    }

    private final String name;
    private final Map<String, Subscribed> subscriptions = new HashMap<>();

    MemoryTopic(String name) {
        this.name = name;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public boolean offer(List<Message> messages, Duration wait) throws InterruptedException {
        List<MemoryQueue> queues;
        synchronized (this) {
            queues = subscriptions.values().stream().map(s -> s.queue).toList();
        }
        for (MemoryQueue queue : queues) {
            if (!queue.offer(messages, wait)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Adds a consumer to {@code subscription}, creating it with the queue {@code queues} gives for its
     * stream.
     *
     * @return the subscription's queue
     * @throws IllegalStateException if it is not shared and has a consumer, or exists with another durability
     */
    synchronized MemoryQueue subscribe(Subscription subscription, Function<String, MemoryQueue> queues) {
        Subscribed s = subscriptions.computeIfAbsent(subscription.name(),
                n -> new Subscribed(subscription, queues.apply(subscription.stream())));
        if (s.subscription.durable() != subscription.durable()) {
            throw new IllegalStateException("subscription '" + subscription.name() + "' of topic '" + name
                    + "' exists and is " + (s.subscription.durable() ? "" : "not ") + "durable: open it as such");
        }
        if (s.consumers > 0 && !(s.subscription.shared() && subscription.shared())) {
            throw new IllegalStateException("subscription '" + subscription.name() + "' of topic '" + name
                    + "' is not shared and already has a consumer: close it first, or subscribe as shared");
        }
        s.consumers++;
        return s.queue;
    }

    /** Removes a consumer of {@code subscription}; the last one of a non-durable subscription removes it. */
    synchronized void unsubscribe(Subscription subscription) {
        Subscribed s = subscriptions.get(subscription.name());
        if (s != null && --s.consumers == 0 && !s.subscription.durable()) {
            subscriptions.remove(subscription.name());
            s.queue.clear();
        }
    }
}
