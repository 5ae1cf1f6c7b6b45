package io.tributary.tracing;

import io.tributary.eventstream.EventStream;
import io.tributary.eventstream.Retention;
import io.tributary.eventstream.StreamIdentity;
import io.tributary.eventstream.jms.JmsEventStream;
import io.tributary.testing.EmbeddedBroker;
import java.util.Set;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@link EventStreamTracingContract} on the Artemis event stream over a real embedded broker: the trace
 * context goes from the append through the intake queue and the sequencer to the retained queue and the
 * cursor.
 */
class JmsEventStreamTracingTest extends EventStreamTracingContract {

    @RegisterExtension
    static final EmbeddedBroker BROKER = new EmbeddedBroker();

    @Override
    protected EventStream open(StreamIdentity identity, Set<String> types) {
        return new JmsEventStream(BROKER.factory(), identity, types, Retention.ofCount(1_000));
    }

    @Override
    protected String system() {
        return "activemq";
    }
}
