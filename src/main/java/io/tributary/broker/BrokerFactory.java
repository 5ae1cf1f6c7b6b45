package io.tributary.broker;

import io.tributary.stream.Message;

/** Creates brokers of one type; registered by name in a {@link BrokerRegistry}. */
@FunctionalInterface
public interface BrokerFactory {

    /**
     * A new broker.
     *
     * @param config  its name and buffer bounds (the type is this factory's)
     * @param eventer hears every ack of the new broker
     * @throws BrokerException if the transport cannot be reached
     */
    Broker<Message> create(BrokerConfig config, Eventer eventer);
}
