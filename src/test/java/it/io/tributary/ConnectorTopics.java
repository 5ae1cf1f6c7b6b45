package it.io.tributary;

import io.tributary.messaging.IncomingMetadata;
import io.tributary.messaging.OutgoingMetadata;
import io.tributary.messaging.TributaryMessage;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * The application side of {@link ConnectorIT} for topics and outgoing metadata: emitters publishing to a
 * topic and sending with {@link OutgoingMetadata}, and {@code @Incoming} methods recording what arrives
 * on a durable topic subscription and the {@link IncomingMetadata} of each message.
 */
@ApplicationScoped
public class ConnectorTopics {

    private final List<String> audited = new CopyOnWriteArrayList<>();
    private final Map<String, IncomingMetadata> metadata = new ConcurrentHashMap<>();
    private final Map<String, Instant> arrived = new ConcurrentHashMap<>();

    @Inject
    @Channel("prices-out")
    Emitter<String> prices;

    @Inject
    @Channel("meta-out")
    Emitter<String> meta;

    /** Publishes {@code text} to the prices topic. */
    public void publishPrice(String text) {
        prices.send(text);
    }

    /** Sends {@code text} with {@code outgoing} metadata to the metadata queue. */
    public void sendWithMetadata(String text, OutgoingMetadata outgoing) {
        meta.send(TributaryMessage.of(text, outgoing));
    }

    @Incoming("prices-audit")
    public CompletionStage<Void> audit(Message<String> message) {
        audited.add(message.getPayload());
        return message.ack();
    }

    @Incoming("meta-in")
    public CompletionStage<Void> inspect(Message<String> message) {
        arrived.put(message.getPayload(), Instant.now());
        metadata.put(message.getPayload(), message.unwrap(IncomingMetadata.class));
        return message.ack();
    }

    /** What the audit subscription received, in order. */
    public List<String> audited() {
        return List.copyOf(audited);
    }

    /** The incoming metadata of each received metadata message, by payload. */
    public Map<String, IncomingMetadata> metadata() {
        return Map.copyOf(metadata);
    }

    /** When each metadata message arrived, by payload. */
    public Map<String, Instant> arrived() {
        return Map.copyOf(arrived);
    }

    /** An outgoing metadata for the tests. */
    public static OutgoingMetadata urgent(Duration delay, Duration ttl) {
        return OutgoingMetadata.builder().key("meta-key").tag("origin", "it").priority(8).deliveryDelay(delay)
                .timeToLive(ttl).build();
    }
}
