package io.tributary.stream;

/**
 * Creates producers, consumers and stores on named streams of one transport, and publishers and
 * subscribers on topics.
 *
 * <p><b>Topics.</b> A message published to a topic (through {@link #publisher}) is copied, when the
 * broker accepts it, to every {@link Subscription} of the topic that exists at that moment; a topic
 * without subscriptions drops it. Each subscription is then consumed as a stream of its own
 * ({@link #subscriber}); topics and streams are different names spaces of the transport.
 *
 * <p>Stream and topic names match {@link StreamName#PATTERN}. The dead-letter stream of stream {@code s} is
 * {@link #deadLetterStream(String) deadLetterStream(s)}, an ordinary stream that can be consumed.
 * Thread safety: safe for many threads. Closing it closes everything it created.
 */
public interface Streams extends AutoCloseable {

    /** A new producer with the default options. */
    default Producer producer(String stream) {
        return producer(stream, defaultProducerOptions());
    }

    /** A new producer. */
    Producer producer(String stream, ProducerOptions options);

    /** A new consumer with the default options. */
    default Consumer consumer(String stream) {
        return consumer(stream, defaultConsumerOptions());
    }

    /** A new consumer. */
    Consumer consumer(String stream, ConsumerOptions options);

    /** A new publisher to {@code topic} with the default options. */
    default Producer publisher(String topic) {
        return publisher(topic, defaultProducerOptions());
    }

    /**
     * A new producer that publishes to {@code topic}: the {@link Producer} contract (confirmed sends,
     * in-flight window, duplicate detection per subscription), with {@link Producer#stream()} the topic.
     */
    Producer publisher(String topic, ProducerOptions options);

    /**
     * A new consumer of {@code subscription}, creating the subscription if it does not exist: the
     * {@link Consumer} contract on the stream {@link Subscription#stream()}.
     *
     * <p>Opening an existing subscription with another durability is refused (the in-memory streams throw
     * {@link IllegalStateException}, Artemis refuses it with a {@link StreamException}).
     *
     * @throws IllegalStateException if the subscription is not shared and already has a consumer
     */
    Consumer subscriber(Subscription subscription, ConsumerOptions options);

    /** A store over the stream {@code name}. */
    Store store(String name);

    /**
     * The number of messages waiting in {@code stream}, as {@link Consumer#backlog()} counts them,
     * without opening a consumer; 0 for a stream nothing was sent to yet.
     */
    long backlog(String stream);

    /** The name of the stream that receives the dead letters of {@code stream}. */
    String deadLetterStream(String stream);

    /** The producer options used when none are given. */
    ProducerOptions defaultProducerOptions();

    /** The consumer options used when none are given. */
    ConsumerOptions defaultConsumerOptions();

    /** Closes every producer, consumer and store this factory created, then releases the transport. */
    @Override
    void close();
}
