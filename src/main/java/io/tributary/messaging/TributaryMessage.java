package io.tributary.messaging;

import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import java.util.function.Supplier;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * A Reactive Messaging message carrying a Tributary key and tags. The {@code tributary-jms} connector
 * hands these to {@code @Incoming} methods taking {@code Message<?>} (cast or {@code instanceof}), and
 * reads key and tags from outgoing messages of this type (other outgoing messages have none).
 * Immutable; ack/nack may be called from any thread.
 *
 * @param <T> the payload type: {@code String} for text, {@code byte[]} otherwise
 */
public final class TributaryMessage<T> implements Message<T> {

    private final T payload;
    private final String key;
    private final Map<String, String> tags;
    private final Supplier<CompletionStage<Void>> ack;
    private final Function<Throwable, CompletionStage<Void>> nack;

    TributaryMessage(T payload, String key, Map<String, String> tags, Supplier<CompletionStage<Void>> ack,
            Function<Throwable, CompletionStage<Void>> nack) {
        this.payload = Objects.requireNonNull(payload, "payload must not be null");
        this.key = key;
        this.tags = tags == null ? Map.of() : Map.copyOf(tags);
        this.ack = ack;
        this.nack = nack;
    }

    /** An outgoing message with a key (may be {@code null}) and tags; ack and nack do nothing. */
    public static <T> TributaryMessage<T> of(T payload, String key, Map<String, String> tags) {
        return new TributaryMessage<>(payload, key, tags, () -> CompletableFuture.completedFuture(null),
                reason -> CompletableFuture.completedFuture(null));
    }

    @Override
    public T getPayload() {
        return payload;
    }

    /** The ordering key, or {@code null}. */
    public String key() {
        return key;
    }

    /** The tags, never {@code null}. */
    public Map<String, String> tags() {
        return tags;
    }

    @Override
    public CompletionStage<Void> ack() {
        return ack.get();
    }

    @Override
    public CompletionStage<Void> nack(Throwable reason) {
        return nack.apply(reason);
    }
}
