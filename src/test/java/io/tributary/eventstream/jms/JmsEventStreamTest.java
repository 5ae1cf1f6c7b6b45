package io.tributary.eventstream.jms;

import io.tributary.eventstream.EventStream;
import io.tributary.eventstream.EventStreamConformance;
import io.tributary.eventstream.Retention;
import io.tributary.eventstream.StreamIdentity;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Set;

/**
 * The conformance suite on {@link JmsEventStream} over an embedded broker; every {@link #connect} is a
 * new instance with its own connection, standing in for another application instance.
 */
class JmsEventStreamTest extends EventStreamConformance {

    @TempDir
    static Path dir;
    private static TestBroker broker;

    @BeforeAll
    static void startBroker() throws Exception {
        broker = new TestBroker(dir);
    }

    @AfterAll
    static void stopBroker() throws Exception {
        broker.close();
    }

    @Override
    protected EventStream connect(StreamIdentity identity, Set<String> types, Retention retention) {
        return new JmsEventStream(broker.connectionFactory(), identity, types, retention);
    }

    @Override
    protected boolean toleratesReadAhead() {
        return true;
    }
}
