package io.tributary.stream.memory;

import io.tributary.stream.Consumer;
import io.tributary.stream.ConsumerOptions;
import io.tributary.stream.Producer;
import io.tributary.stream.ProducerOptions;
import io.tributary.stream.Store;
import io.tributary.stream.StreamClosedException;
import io.tributary.stream.StreamName;
import io.tributary.stream.Streams;
import io.tributary.stream.Subscription;

import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * In-memory streams: one bounded {@link MemoryQueue} per stream name, created on first use.
 *
 * <p>Same guarantees as the JMS implementation within one JVM: FIFO per stream, per-key order across
 * consumers, transacted batches, nack with backoff then dead-letter, duplicate detection by id. A
 * producer's {@code send} is confirmed as soon as the message is in the queue; when the queue holds
 * {@code capacity} messages (ready, scheduled and held by consumers), senders wait. A topic copies
 * each published message into the queue of every subscription present ({@link MemoryTopic}).
 * Thread-safe.
 */
public final class MemoryStreams implements Streams {

    private final int capacity;
    private final ProducerOptions producerDefaults;
    private final ConsumerOptions consumerDefaults;
    private final String deadLetterSuffix;
    private final ConcurrentMap<String, MemoryQueue> queues = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, MemoryTopic> topics = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, MemoryStore> stores = new ConcurrentHashMap<>();
    private final Set<AutoCloseable> open = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    /**
     * @param capacity         messages per stream at most, 1 to 100,000,000
     * @param producerDefaults options of {@link #producer(String)}
     * @param consumerDefaults options of {@link #consumer(String)}
     * @param deadLetterSuffix appended to a stream name to name its dead-letter stream, e.g. {@code .DLQ}
     */
    public MemoryStreams(int capacity, ProducerOptions producerDefaults, ConsumerOptions consumerDefaults,
                         String deadLetterSuffix) {
        if (capacity < 1 || capacity > 100_000_000) {
            throw new IllegalArgumentException("capacity " + capacity + " is out of range: use 1 to 100000000");
        }
        this.capacity = capacity;
        this.producerDefaults = Objects.requireNonNull(producerDefaults, "producerDefaults");
        this.consumerDefaults = Objects.requireNonNull(consumerDefaults, "consumerDefaults");
        this.deadLetterSuffix = StreamName.check("x" + deadLetterSuffix).substring(1);
    }

    /** In-memory streams of 100,000 messages each, with the default options and {@code .DLQ} dead letters. */
    public MemoryStreams() {
        this(100_000, ProducerOptions.DEFAULTS, ConsumerOptions.DEFAULTS, ".DLQ");
    }

    @Override
    public Producer producer(String stream, ProducerOptions options) {
        return track(new MemoryProducer(queue(stream), Objects.requireNonNull(options, "options"), open::remove));
    }

    @Override
    public Consumer consumer(String stream, ConsumerOptions options) {
        MemoryQueue queue = queue(stream);
        return track(new MemoryConsumer(queue, queue(deadLetterStream(stream)),
                Objects.requireNonNull(options, "options"), open::remove));
    }

    @Override
    public Producer publisher(String topic, ProducerOptions options) {
        checkOpen();
        MemoryTopic target = topics.computeIfAbsent(StreamName.check(topic), MemoryTopic::new);
        return track(new MemoryProducer(target, Objects.requireNonNull(options, "options"), open::remove));
    }

    @Override
    public Consumer subscriber(Subscription subscription, ConsumerOptions options) {
        Objects.requireNonNull(subscription, "subscription must not be null");
        Objects.requireNonNull(options, "options");
        checkOpen();
        MemoryTopic topic = topics.computeIfAbsent(subscription.topic(), MemoryTopic::new);
        MemoryQueue queue = topic.subscribe(subscription, this::queue);
        return track(new MemoryConsumer(queue, queue(deadLetterStream(subscription.stream())), options, c -> {
            open.remove(c);
            topic.unsubscribe(subscription);
        }));
    }

    @Override
    public Store store(String name) {
        checkOpen();
        return stores.computeIfAbsent(StreamName.check(name), n -> new MemoryStore(n, capacity));
    }

    @Override
    public long backlog(String stream) {
        return queue(stream).backlog();
    }

    @Override
    public String deadLetterStream(String stream) {
        return StreamName.check(StreamName.check(stream) + deadLetterSuffix);
    }

    @Override
    public ProducerOptions defaultProducerOptions() {
        return producerDefaults;
    }

    @Override
    public ConsumerOptions defaultConsumerOptions() {
        return consumerDefaults;
    }

    @Override
    public void close() {
        closed = true;
        for (AutoCloseable c : open) {
            try {
                c.close();
            } catch (Exception e) {
                throw new IllegalStateException("closing " + c + " failed", e);
            }
        }
        open.clear();
    }

    private MemoryQueue queue(String stream) {
        checkOpen();
        return queues.computeIfAbsent(StreamName.check(stream), n -> new MemoryQueue(n, capacity));
    }

    private <T extends AutoCloseable> T track(T t) {
        open.add(t);
        return t;
    }

    private void checkOpen() {
        if (closed) {
            throw new StreamClosedException("these in-memory streams are closed");
        }
    }
}
