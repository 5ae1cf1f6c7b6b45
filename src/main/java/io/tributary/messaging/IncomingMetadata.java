package io.tributary.messaging;

import io.tributary.stream.Message;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the {@code tributary-jms} connector knows about one incoming message. Read it with
 * {@code message.unwrap(IncomingMetadata.class)} or {@link TributaryMessage#incoming()}. Immutable.
 *
 * @param id              the message id, the same across redeliveries
 * @param key             the key ({@code JMSXGroupID}), or {@code null}
 * @param tags            the tags as text, never {@code null}
 * @param deliveryAttempt 1 for the first delivery, incremented by every nack and redelivery
 * @param priority        0 to 9
 * @param timestamp       when the message was produced
 * @param expiration      when it expires, or {@code null} if it never does
 * @param stream          the stream it was received from (for a topic: its subscription's stream)
 * @param producerTopic   the stream or topic it was sent to, or {@code null} if unknown
 */
public record IncomingMetadata(String id, String key, Map<String, String> tags, int deliveryAttempt, int priority,
        Instant timestamp, Instant expiration, String stream, String producerTopic) {

    /** Copies the tags. */
    public IncomingMetadata {
        tags = Map.copyOf(tags);
    }

    /** The metadata of a received Tributary message. */
    static IncomingMetadata of(Message m) {
        Map<String, String> tags = new LinkedHashMap<>();
        m.tags().forEach((k, v) -> tags.put(k, new String(v, StandardCharsets.UTF_8)));
        return new IncomingMetadata(m.id(), m.key(), tags, m.deliveryAttempt(), m.priority(), m.timestamp(),
                m.expiration(), m.consumerTopic(), m.producerTopic());
    }
}
