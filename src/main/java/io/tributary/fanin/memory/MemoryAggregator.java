package io.tributary.fanin.memory;

import io.tributary.fanin.ConsumeOptions;
import io.tributary.fanin.Source;
import io.tributary.fanin.StreamAggregator;
import io.tributary.fanin.Subscription;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The in-process {@link StreamAggregator}: one bounded {@link Subscription} buffer per consumer and one
 * task per (source, subscription) share, run on an {@link Executor}.
 *
 * <p>The executor must be able to run {@code maxSources * maxSubscriptions} tasks at once (each share
 * blocks while its subscription is full); the default starts a daemon thread per share. In a container,
 * pass the {@code ManagedExecutorService} or a {@code ManagedThreadFactory}-backed executor. If the
 * executor rejects a share, the call that started it fails and nothing of it stays registered.
 *
 * <p>See {@link StreamAggregator} for the guarantees. Thread safety: safe for many threads.
 *
 * @param <R> the request a subscription carries to its sources
 * @param <T> the item type
 */
public final class MemoryAggregator<R, T> implements StreamAggregator<R, T> {

    private static final Logger LOG = Logger.getLogger(MemoryAggregator.class.getName());
    private static final AtomicInteger THREADS = new AtomicInteger();

    private final String name;
    private final Executor executor;
    private final int maxSources;
    private final int maxSubscriptions;
    private final Map<String, Registered<R, T>> sources = new LinkedHashMap<>();
    private final Map<SubscriptionBuffer<T>, Opened<R, T>> subscriptions = new IdentityHashMap<>();
    private boolean closed;

    /** A source and its share of each subscription. */
    private record Registered<R, T>(Source<R, T> source, Map<SubscriptionBuffer<T>, Share<T>> shares) {
    }

    /** A subscription and the request its sources receive. */
    private record Opened<R, T>(SubscriptionBuffer<T> buffer, R request) {
    }

    /**
     * An aggregator named {@code name} (in logs) running shares on {@code executor}.
     *
     * @throws IllegalArgumentException if a limit is below 1
     */
    public MemoryAggregator(String name, Executor executor, int maxSources, int maxSubscriptions) {
        this.name = Objects.requireNonNull(name, "name must not be null");
        this.executor = Objects.requireNonNull(executor, "executor must not be null");
        if (maxSources < 1 || maxSubscriptions < 1) {
            throw new IllegalArgumentException("limits maxSources=" + maxSources + ", maxSubscriptions="
                    + maxSubscriptions + " are not allowed: use 1 or more for each");
        }
        this.maxSources = maxSources;
        this.maxSubscriptions = maxSubscriptions;
    }

    /** An aggregator of up to 64 sources and 64 subscriptions, a daemon thread per share. */
    public MemoryAggregator(String name) {
        this(name, task -> {
            Thread t = new Thread(task, "fanin-" + name + "-" + THREADS.incrementAndGet());
            t.setDaemon(true);
            t.start();
        }, 64, 64);
    }

    @Override
    public synchronized void addSource(String key, Source<R, T> source) {
        Objects.requireNonNull(source, "source must not be null");
        checkOpen();
        if (key == null || key.isBlank()) {
            throw new IllegalArgumentException("source key '" + key + "' is not allowed: use a non-blank key");
        }
        if (sources.containsKey(key)) {
            throw new IllegalArgumentException("source key '" + key + "' is present already in aggregator '" + name
                    + "': remove it first or use another key");
        }
        if (sources.size() >= maxSources) {
            throw new IllegalArgumentException("aggregator '" + name + "' holds " + sources.size()
                    + " sources, the most allowed: remove one before adding '" + key + "'");
        }
        Registered<R, T> registered = new Registered<>(source, new IdentityHashMap<>());
        sources.put(key, registered);
        try {
            for (Opened<R, T> opened : subscriptions.values()) {
                start(key, registered, opened);
            }
        } catch (RejectedExecutionException e) {
            removeSource(key);
            throw e;
        }
        LOG.info(() -> "aggregator '" + name + "': source '" + key + "' added, writing to " + subscriptions.size()
                + " subscription(s)");
    }

    @Override
    public synchronized boolean removeSource(String key) {
        Registered<R, T> registered = sources.remove(key);
        if (registered == null) {
            return false;
        }
        registered.shares().values().forEach(Share::cancel);
        LOG.info(() -> "aggregator '" + name + "': source '" + key + "' removed");
        return true;
    }

    @Override
    public synchronized Subscription<T> consume(R request, ConsumeOptions options) {
        Objects.requireNonNull(options, "options must not be null (use ConsumeOptions.DEFAULTS)");
        checkOpen();
        if (subscriptions.size() >= maxSubscriptions) {
            throw new IllegalArgumentException("aggregator '" + name + "' has " + subscriptions.size()
                    + " open subscriptions, the most allowed: close one first");
        }
        SubscriptionBuffer<T> buffer = new SubscriptionBuffer<>(options.bufferLength(), this::closed);
        Opened<R, T> opened = new Opened<>(buffer, request);
        subscriptions.put(buffer, opened);
        try {
            sources.forEach((key, registered) -> start(key, registered, opened));
        } catch (RejectedExecutionException e) {
            buffer.close();
            throw e;
        }
        return buffer;
    }

    private void start(String key, Registered<R, T> registered, Opened<R, T> opened) {
        SubscriptionBuffer<T> buffer = opened.buffer();
        Share<T> share = new Share<>(buffer);
        registered.shares().put(buffer, share);
        buffer.shareStarted();
        try {
            executor.execute(() -> run(key, registered, opened, share));
        } catch (RejectedExecutionException e) {
            registered.shares().remove(buffer);
            buffer.shareEnded();
            throw e;
        }
    }

    private void run(String key, Registered<R, T> registered, Opened<R, T> opened, Share<T> share) {
        try {
            registered.source().run(opened.request(), share);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            LOG.log(Level.WARNING, () -> "aggregator '" + name + "': source '" + key + "' was interrupted; its share"
                    + " of one subscription ended");
        } catch (Exception e) {
            LOG.log(Level.WARNING, e, () -> "aggregator '" + name + "': source '" + key + "' failed; its share of one"
                    + " subscription ended (sources do their own retries)");
        } finally {
            synchronized (this) {
                registered.shares().remove(opened.buffer());
            }
            opened.buffer().shareEnded();
        }
    }

    private synchronized void closed(SubscriptionBuffer<T> buffer) {
        subscriptions.remove(buffer);
        for (Registered<R, T> registered : sources.values()) {
            Share<T> share = registered.shares().get(buffer);
            if (share != null) {
                share.cancel();
            }
        }
    }

    @Override
    public int maxSources() {
        return maxSources;
    }

    @Override
    public int maxSubscriptions() {
        return maxSubscriptions;
    }

    @Override
    public void close() {
        List<SubscriptionBuffer<T>> open;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            open = new ArrayList<>(subscriptions.keySet());
        }
        open.forEach(SubscriptionBuffer::close);
        LOG.info(() -> "aggregator '" + name + "' closed");
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("aggregator '" + name + "' is closed");
        }
    }
}
