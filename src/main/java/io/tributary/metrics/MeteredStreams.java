package io.tributary.metrics;

import io.tributary.stream.Consumer;
import io.tributary.stream.ConsumerOptions;
import io.tributary.stream.Producer;
import io.tributary.stream.ProducerOptions;
import io.tributary.stream.StreamName;
import io.tributary.stream.Streams;
import io.tributary.stream.Subscription;
import io.tributary.stream.support.ForwardingStreams;

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
 * producer or consumer of it (or a backlog gauge read) needs them, and stay registered. At most
 * {@code maxStreams} streams are measured: a producer or consumer of one more stream is refused with an
 * {@link IllegalStateException} naming it and the limit ({@code tributary.metrics.max-streams}), so
 * caller-chosen names cannot grow the metrics without bound. The backlog gauge
 * reads {@link Streams#backlog} at most once per {@code backlogRefresh}, and not while
 * {@code brokerReachable} says the broker is away (it keeps its last value). {@link #use()} tells which
 * streams have open producers or consumers, for health checks.
 *
 * <p>Thread safety: as the delegate's. Closing closes the delegate.
 */
public final class MeteredStreams extends ForwardingStreams {

    private final Meters meters;
    private final BooleanSupplier brokerReachable;
    private final Duration backlogRefresh;
    private final int maxStreams;
    private final Map<String, StreamStats> stats;

    /**
     * Decorates {@code delegate}.
     *
     * @param brokerReachable whether reading the backlog can reach the broker now (without blocking)
     * @param backlogRefresh  how long a backlog read is reused, positive
     * @param maxStreams      how many streams are measured at most, positive
     */
    public MeteredStreams(Streams delegate, Meters meters, BooleanSupplier brokerReachable, Duration backlogRefresh,
            int maxStreams) {
        this(delegate, meters, brokerReachable, backlogRefresh, maxStreams, new ConcurrentHashMap<>());
    }

    private MeteredStreams(Streams delegate, Meters meters, BooleanSupplier brokerReachable, Duration backlogRefresh,
            int maxStreams, Map<String, StreamStats> stats) {
        super(delegate);
        this.stats = stats;
        this.meters = Objects.requireNonNull(meters, "meters must not be null");
        this.brokerReachable = Objects.requireNonNull(brokerReachable, "brokerReachable must not be null");
        if (backlogRefresh == null || backlogRefresh.isNegative() || backlogRefresh.isZero()) {
            throw new IllegalArgumentException("backlog refresh " + backlogRefresh + " is not allowed: use a positive"
                    + " duration");
        }
        this.backlogRefresh = backlogRefresh;
        if (maxStreams < 1) {
            throw new IllegalArgumentException("maxStreams " + maxStreams + " is not allowed: use 1 or more");
        }
        this.maxStreams = maxStreams;
    }

    @Override
    public Producer producer(String stream, ProducerOptions options) {
        StreamStats measured = stats(stream);
        return new MeteredProducer(delegate().producer(stream, options), measured);
    }

    @Override
    public Consumer consumer(String stream, ConsumerOptions options) {
        Objects.requireNonNull(options, "options must not be null");
        StreamStats measured = stats(stream);
        return new MeteredConsumer(delegate().consumer(stream, options), measured, options.redelivery());
    }

    @Override
    public Producer publisher(String topic, ProducerOptions options) {
        StreamStats measured = stats(topic);
        return new MeteredProducer(delegate().publisher(topic, options), measured);
    }

    /** {@inheritDoc} Measured under the subscription's stream name ({@link Subscription#stream()}). */
    @Override
    public Consumer subscriber(Subscription subscription, ConsumerOptions options) {
        Objects.requireNonNull(options, "options must not be null");
        StreamStats measured = stats(subscription.stream());
        return new MeteredConsumer(delegate().subscriber(subscription, options), measured, options.redelivery());
    }

    /** The streams measured so far with their open producers and consumers, by name. */
    public List<StreamUse> use() {
        return stats.entrySet().stream().map(e -> e.getValue().use(e.getKey()))
                .sorted(Comparator.comparing(StreamUse::stream)).toList();
    }

    /**
     * Streams over {@code other} (the same broker through another connection, say) measured into these
     * streams' meters: a stream's counters and gauges are one, whichever of the two its producers and
     * consumers came from, and the limit of measured streams is shared. Closing the result closes
     * {@code other} only.
     */
    public MeteredStreams sharingMeters(Streams other) {
        return new MeteredStreams(other, meters, brokerReachable, backlogRefresh, maxStreams, stats);
    }

    @Override
    public String toString() {
        return "metered " + delegate();
    }

    private StreamStats stats(String stream) {
        StreamName.check(stream);
        StreamStats known = stats.get(stream);
        return known != null ? known : newStats(stream);
    }

    private StreamStats newStats(String stream) {
        synchronized (stats) {
            StreamStats known = stats.get(stream);
            if (known != null) {
                return known;
            }
            if (stats.size() >= maxStreams) {
                throw new IllegalStateException("stream '" + stream + "' is refused: " + maxStreams + " streams are"
                        + " measured already, the limit of tributary.metrics.max-streams (raise it, or use fewer"
                        + " names)");
            }
            StreamStats created = new StreamStats(stream, meters,
                    new BacklogGauge(() -> delegate().backlog(stream), brokerReachable, backlogRefresh));
            stats.put(stream, created);
            return created;
        }
    }
}
