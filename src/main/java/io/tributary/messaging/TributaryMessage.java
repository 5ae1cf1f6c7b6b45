package io.tributary.messaging;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import java.util.function.Supplier;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * A Reactive Messaging message of the {@code tributary-jms} connector, with its metadata.
 *
 * <p>Incoming: the connector hands these to {@code @Incoming} methods taking {@code Message<?>}; they carry
 * an {@link IncomingMetadata} ({@link #incoming()}, or {@code unwrap(IncomingMetadata.class)}). Outgoing:
 * build one with {@link #of(Object, OutgoingMetadata)} (or {@link #of(Object, String, Map)} for key and
 * tags only); the connector sends its key, tags, priority, delay and time to live. An incoming message
 * passed on to an outgoing channel keeps its key and tags. Other outgoing messages are sent with none.
 * {@link #withPayload}, {@link #withAck} and {@link #withNack} keep the metadata.
 * Immutable; ack/nack may be called from any thread.
 *
 * @param <T> the payload type: {@code String} for text, {@code byte[]} otherwise
 */
public final class TributaryMessage<T> implements Message<T> {

    private final T payload;
    private final IncomingMetadata incoming;
    private final OutgoingMetadata outgoing;
    private final Supplier<CompletionStage<Void>> ack;
    private final Function<Throwable, CompletionStage<Void>> nack;

    private TributaryMessage(T payload, IncomingMetadata incoming, OutgoingMetadata outgoing,
            Supplier<CompletionStage<Void>> ack, Function<Throwable, CompletionStage<Void>> nack) {
        this.payload = Objects.requireNonNull(payload, "payload must not be null");
        this.incoming = incoming;
        this.outgoing = outgoing;
        this.ack = Objects.requireNonNull(ack, "ack must not be null");
        this.nack = Objects.requireNonNull(nack, "nack must not be null");
    }

    /** An incoming message. */
    static <T> TributaryMessage<T> incoming(T payload, IncomingMetadata metadata, Supplier<CompletionStage<Void>> ack,
            Function<Throwable, CompletionStage<Void>> nack) {
        return new TributaryMessage<>(payload, Objects.requireNonNull(metadata), null, ack, nack);
    }

    /** An outgoing message with {@code metadata}; ack and nack do nothing. */
    public static <T> TributaryMessage<T> of(T payload, OutgoingMetadata metadata) {
        return new TributaryMessage<>(payload, null, Objects.requireNonNull(metadata, "metadata must not be null"),
                () -> CompletableFuture.completedFuture(null), reason -> CompletableFuture.completedFuture(null));
    }

    /** An outgoing message with a key (may be {@code null}) and tags; ack and nack do nothing. */
    public static <T> TributaryMessage<T> of(T payload, String key, Map<String, String> tags) {
        return of(payload, OutgoingMetadata.builder().key(key).tags(tags == null ? Map.of() : tags).build());
    }

    @Override
    public T getPayload() {
        return payload;
    }

    /** The ordering key, or {@code null}. */
    public String key() {
        return incoming != null ? incoming.key() : outgoing.key();
    }

    /** The tags, never {@code null}. */
    public Map<String, String> tags() {
        return incoming != null ? incoming.tags() : outgoing.tags();
    }

    /** The metadata of an incoming message; empty for an outgoing one. */
    public Optional<IncomingMetadata> incoming() {
        return Optional.ofNullable(incoming);
    }

    /** The metadata of an outgoing message; empty for an incoming one. */
    public Optional<OutgoingMetadata> outgoing() {
        return Optional.ofNullable(outgoing);
    }

    @Override
    public <P> Message<P> withPayload(P newPayload) {
        return new TributaryMessage<>(newPayload, incoming, outgoing, ack, nack);
    }

    @Override
    public Message<T> withAck(Supplier<CompletionStage<Void>> newAck) {
        return new TributaryMessage<>(payload, incoming, outgoing, newAck, nack);
    }

    @Override
    public Message<T> withNack(Function<Throwable, CompletionStage<Void>> newNack) {
        return new TributaryMessage<>(payload, incoming, outgoing, ack, newNack);
    }

    @Override
    public Supplier<CompletionStage<Void>> getAck() {
        return ack;
    }

    @Override
    public Function<Throwable, CompletionStage<Void>> getNack() {
        return nack;
    }

    @Override
    public CompletionStage<Void> ack() {
        return ack.get();
    }

    @Override
    public CompletionStage<Void> nack(Throwable reason) {
        return nack.apply(reason);
    }

    /** Also unwraps to {@link IncomingMetadata} or {@link OutgoingMetadata} when the message has them. */
    @Override
    public <C> C unwrap(Class<C> type) {
        if (type == IncomingMetadata.class && incoming != null) {
            return type.cast(incoming);
        }
        if (type == OutgoingMetadata.class && outgoing != null) {
            return type.cast(outgoing);
        }
        return Message.super.unwrap(type);
    }
}
