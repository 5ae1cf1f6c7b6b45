package io.tributary.broker;

/**
 * A bounded buffer of events between producers and batch consumers (libbeat's publisher queue).
 *
 * <p><b>Event type.</b> The broker is generic in its event type {@code E} so that an in-process broker
 * carries any object without encoding it. A broker that carries events between processes (the JMS one)
 * is a {@code Broker<io.tributary.stream.Message>}, since a message is the one type every transport can
 * represent without Java serialization; {@link BrokerRegistry} therefore creates {@code Broker<Message>}.
 * {@code null} events are rejected with {@link NullPointerException}.
 *
 * <p><b>Guarantees.</b> An event whose publish returned normally is accepted: it is handed to exactly one
 * consumer's batch at a time, and delivered again (to any consumer) until a batch holding it is acked,
 * unless its producer is {@linkplain BrokerProducer#cancel() cancelled} with
 * {@link ProducerConfig#dropOnCancel()} before a consumer took it. A batch is invisible to other
 * consumers until it is acked; when its consumer closes without acking it, its events are delivered
 * again, before newer ones. Acks release a producer's events in publish order: when batches are acked
 * out of order the later events wait for the earlier ones, so each producer's
 * {@link ProducerConfig#onAck() ACK callback} hears counts in publish order, and the counts sum to its
 * events acked. The broker's {@link Eventer} hears every ack (see there for its order).
 *
 * <p><b>Ordering.</b> Events are handed out in publish order (a producer's events in the order it
 * published them), except that returned batches are delivered again before newer events.
 *
 * <p><b>Closing.</b> {@link #close()} refuses new publishes (blocked publishers fail with
 * {@link BrokerClosedException}) and lets consumers drain what was accepted; {@code get} fails with
 * {@link BrokerClosedException} once the broker is closed and nothing is left to deliver.
 *
 * <p><b>Thread safety.</b> Brokers, producers and consumers are safe for use by many threads.
 *
 * @param <E> the event type
 */
public interface Broker<E> extends AutoCloseable {

    /** A new producer with the given callbacks. */
    BrokerProducer<E> producer(ProducerConfig<? super E> config);

    /** A new consumer. */
    BrokerConsumer<E> consumer();

    /** The buffer's bounds: capacity and the largest batch {@link BrokerConsumer#get} hands out. */
    BufferConfig bufferConfig();

    /** Refuses new publishes and wakes blocked publishers; consumers may drain what is buffered. Idempotent. */
    @Override
    void close();
}
