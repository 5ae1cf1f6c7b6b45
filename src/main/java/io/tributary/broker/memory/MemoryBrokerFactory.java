package io.tributary.broker.memory;

import io.tributary.broker.Broker;
import io.tributary.broker.BrokerConfig;
import io.tributary.broker.BrokerFactory;
import io.tributary.broker.Eventer;
import io.tributary.stream.Message;

/** Creates {@link MemoryBroker}s of messages; register it as {@code memory} in a {@link io.tributary.broker.BrokerRegistry}. */
public final class MemoryBrokerFactory implements BrokerFactory {

    @Override
    public Broker<Message> create(BrokerConfig config, Eventer eventer) {
        return new MemoryBroker<>(config.name(), config.buffer(), eventer);
    }
}
