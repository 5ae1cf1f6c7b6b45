package io.tributary.broker.memory;

import io.tributary.broker.Broker;
import io.tributary.broker.BrokerConformance;
import io.tributary.broker.BufferConfig;
import io.tributary.broker.Eventer;
import io.tributary.stream.Message;

/** The broker conformance suite against the in-memory ring buffer. */
class MemoryBrokerTest extends BrokerConformance {

    @Override
    protected Broker<Message> createBroker(BufferConfig buffer, Eventer eventer) {
        return new MemoryBroker<>("test", buffer, eventer);
    }
}
