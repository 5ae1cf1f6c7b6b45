package io.tributary.messaging;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * The incoming channels of the application's {@code tributary-jms} connector, by name, for the console:
 * the connector adds each channel it opens and removes it when it closes, so there is one entry per
 * configured channel and no more. Thread safe.
 */
@ApplicationScoped
public class InboundChannels {

    private final Map<String, InboundChannel> open = new ConcurrentSkipListMap<>();

    /** The channels open now, by name. */
    public List<InboundChannel> all() {
        return List.copyOf(open.values());
    }

    /** The open channel named {@code name}, if any. */
    public Optional<InboundChannel> find(String name) {
        return Optional.ofNullable(open.get(name));
    }

    void add(InboundChannel channel) {
        open.put(channel.channel(), channel);
    }

    void remove(InboundChannel channel) {
        open.remove(channel.channel(), channel);
    }
}
