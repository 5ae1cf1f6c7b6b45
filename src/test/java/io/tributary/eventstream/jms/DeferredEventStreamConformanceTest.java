package io.tributary.eventstream.jms;

import io.tributary.artemis.ArtemisConnections;
import io.tributary.eventstream.EventStream;
import io.tributary.eventstream.ExponentialBackoff;
import io.tributary.eventstream.Retention;
import io.tributary.eventstream.StreamIdentity;

import java.time.Duration;
import java.util.Set;

/**
 * The conformance suite on {@link DeferredEventStream} made while its broker is up, as an application gets
 * it by injection: connected at once, it must keep every promise of the contract. Same broker set-up as
 * {@link JmsEventStreamTest}.
 */
class DeferredEventStreamConformanceTest extends JmsEventStreamTest {

    @Override
    protected EventStream connect(StreamIdentity identity, Set<String> types, Retention retention) {
        return new DeferredEventStream(ArtemisConnections.connectionFactory(broker().connectionUrl()), identity, types,
                retention, new ExponentialBackoff(Duration.ofMillis(10), Duration.ofMillis(200)));
    }
}
