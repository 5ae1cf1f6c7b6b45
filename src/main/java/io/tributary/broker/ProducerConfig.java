package io.tributary.broker;

import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.IntConsumer;

/**
 * How a {@link BrokerProducer} hears about its events.
 *
 * <p>{@code onAck} is called with the count of this producer's events that consumers acknowledged, in
 * publish order (the first call covers its first events, and so on); it runs on the acking thread (JMS:
 * or the ack-notice listener when another instance acked), one call at a time per broker, so it must be
 * quick. {@code onDrop} is called once per event that
 * {@link BrokerProducer#cancel()} dropped, on the cancelling thread. Exceptions from either are logged and
 * ignored.
 *
 * @param onAck        the ACK callback
 * @param onDrop       the drop callback
 * @param dropOnCancel whether {@link BrokerProducer#cancel()} drops this producer's events not yet taken
 * @param <E>          the event type
 */
public record ProducerConfig<E>(IntConsumer onAck, Consumer<? super E> onDrop, boolean dropOnCancel) {

    /** Rejects null callbacks. */
    public ProducerConfig {
        Objects.requireNonNull(onAck, "onAck must not be null (use ProducerConfig.none())");
        Objects.requireNonNull(onDrop, "onDrop must not be null (use ProducerConfig.none())");
    }

    /** No callbacks; cancel keeps the producer's events. */
    public static <E> ProducerConfig<E> none() {
        return new ProducerConfig<>(count -> { }, event -> { }, false);
    }

    /** A copy with another ACK callback. */
    public ProducerConfig<E> withOnAck(IntConsumer callback) {
        return new ProducerConfig<>(callback, onDrop, dropOnCancel);
    }

    /** A copy with another drop callback. */
    public ProducerConfig<E> withOnDrop(Consumer<? super E> callback) {
        return new ProducerConfig<>(onAck, callback, dropOnCancel);
    }

    /** A copy with another cancel policy. */
    public ProducerConfig<E> withDropOnCancel(boolean drop) {
        return new ProducerConfig<>(onAck, onDrop, drop);
    }
}
