package io.tributary.eventstream.jms;

import io.tributary.artemis.ArtemisConnections;
import io.tributary.artemis.EmbeddedArtemis;
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
 * The conformance suite on {@link JmsEventStream} over the module's embedded broker
 * ({@link EmbeddedArtemis}, persistent, paging beyond 10 MiB per address); every {@link #connect} is a
 * new instance with its own connection, standing in for another application instance.
 */
class JmsEventStreamTest extends EventStreamConformance {

    @TempDir
    static Path dir;
    private static EmbeddedArtemis broker;

    @BeforeAll
    static void startBroker() {
        broker = new EmbeddedArtemis(dir);
        broker.start();
    }

    @AfterAll
    static void stopBroker() {
        broker.close();
    }

    /** The broker every instance connects to. */
    static EmbeddedArtemis broker() {
        return broker;
    }

    @Override
    protected EventStream connect(StreamIdentity identity, Set<String> types, Retention retention) {
        return new JmsEventStream(ArtemisConnections.connectionFactory(broker.connectionUrl()), identity, types, retention);
    }

    @Override
    protected boolean toleratesReadAhead() {
        return true;
    }
}
