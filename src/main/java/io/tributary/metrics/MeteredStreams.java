package io.tributary.metrics;

import io.tributary.stream.Consumer;
import io.tributary.stream.ConsumerOptions;
import io.tributary.stream.Producer;
import io.tributary.stream.ProducerOptions;
import io.tributary.stream.Store;
import io.tributary.stream.StreamName;
import io.tributary.stream.Streams;
import io.tributary.stream.Subscription;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;

/**
 * {@link Streams} that record {@link StreamMeter metrics} of every producer and consumer (publishers and
 * subscribers included: a topic and a subscription's stream are measured like streams) they create, on
 * top of any implementation: the decorator applied once by the CDI runtime, so injected streams, the
 * HTTP bridge and the Reactive Messaging connector are all measured. Stores are not measured.
 *
 * <p>Per stream, the meters and gauges are registered with the {@link Meters} backend when the first
 * producer or consumer of it (or a backlog gauge read) needs them, and stay registered. The backlog gauge
 * reads {@link Streams#backlog} at most once per {@code backlogRefresh}, and not while
 * {@code brokerReachable} says the broker is away (it keeps its last value). {@link #use()} tells which
 * streams have open producers or consumers, for health checks.
 *
 * <p>Thread safety: as the delegate's. Closing closes the delegate.
 */
public final class MeteredStreams implements Streams {

    private final Streams delegate;
    private final Meters meters;
    private final BooleanSupplier brokerReachable;
    private final Duration backlogRefresh;
    private final Map<String, StreamStats> stats = new ConcurrentHashMap<>();

    /**
     * Decorates {@code delegate}.
     *
     * @param brokerReachable whether reading the backlog can reach the broker now (without blocking)
     * @param backlogRefresh  how long a backlog read is reused, positive
     */
    public MeteredStreams(Streams delegate, Meters meters, BooleanSupplier brokerReachable, Duration backlogRefresh) {
        this.delegate = Objects.requireNonNull(delegate, "delegate must not be null");
        this.meters = Objects.requireNonNull(meters, "meters must not be null");
        this.brokerReachable = Objects.requireNonNull(brokerReachable, "brokerReachable must not be null");
        if (backlogRefresh == null || backlogRefresh.isNegative() || backlogRefresh.isZero()) {
            throw new IllegalArgumentException("backlog refresh " + backlogRefresh + " is not allowed: use a positive"
                    + " duration");
        }
        this.backlogRefresh = backlogRefresh;
    }

    @Override
    public Producer producer(String stream, ProducerOptions options) {
        return new MeteredProducer(delegate.producer(stream, options), stats(stream));
    }

    @Override
    public Consumer consumer(String stream, ConsumerOptions options) {
        Objects.requireNonNull(options, "options must not be null");
        return new MeteredConsumer(delegate.consumer(stream, options), stats(stream), options.redelivery());
    }

    @Override
    public Producer publisher(String topic, ProducerOptions options) {
        return new MeteredProducer(delegate.publisher(topic, options), stats(topic));
    }

    /** {@inheritDoc} Measured under the subscription's stream name ({@link Subscription#stream()}). */
    @Override
    public Consumer subscriber(Subscription subscription, ConsumerOptions options) {
        Objects.requireNonNull(options, "options must not be null");
        Consumer consumer = delegate.subscriber(subscription, options);
        return new MeteredConsumer(consumer, stats(subscription.stream()), options.redelivery());
    }

    @Override
    public Store store(String name) {
        return delegate.store(name);
    }

    @Override
    public long backlog(String stream) {
        return delegate.backlog(stream);
    }

    @Override
    public String deadLetterStream(String stream) {
        return delegate.deadLetterStream(stream);
    }

    @Override
    public ProducerOptions defaultProducerOptions() {
        return delegate.defaultProducerOptions();
    }

    @Override
    public ConsumerOptions defaultConsumerOptions() {
        return delegate.defaultConsumerOptions();
    }

    /** The streams measured so far with their open producers and consumers, by name. */
    public List<StreamUse> use() {
        return stats.entrySet().stream().map(e -> e.getValue().use(e.getKey()))
                .sorted(Comparator.comparing(StreamUse::stream)).toList();
    }

    /** The decorated streams. */
    public Streams delegate() {
        return delegate;
    }

    @Override
    public void close() {
        delegate.close();
    }

    @Override
    public String toString() {
        return "metered " + delegate;
    }

    private StreamStats stats(String stream) {
        StreamName.check(stream);
        return stats.computeIfAbsent(stream, s -> new StreamStats(s, meters,
                new BacklogGauge(() -> delegate.backlog(s), brokerReachable, backlogRefresh)));
    }
}
