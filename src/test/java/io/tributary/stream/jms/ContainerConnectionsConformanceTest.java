package io.tributary.stream.jms;

import io.tributary.artemis.ArtemisConnections;
import io.tributary.artemis.EmbeddedArtemis;
import io.tributary.connection.ContainerConnectionFactory;
import io.tributary.stream.ConsumerOptions;
import io.tributary.stream.ProducerOptions;
import io.tributary.stream.Streams;
import io.tributary.stream.StreamsConformance;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

/**
 * The JMS streams against the stream conformance suite with every session on a connection of its own
 * ({@link ContainerConnectionFactory}, as in container-managed mode), over one embedded Artemis broker.
 * The topic suite is left out: exclusive subscriptions need a client id, which container connections
 * refuse (ContainerConnectionFactoryTest).
 */
class ContainerConnectionsConformanceTest extends StreamsConformance {

    @TempDir
    static Path data;

    private static EmbeddedArtemis broker;

    @BeforeAll
    static void startBroker() {
        broker = new EmbeddedArtemis(data);
        broker.start();
    }

    @AfterAll
    static void stopBroker() {
        broker.stop();
    }

    @Override
    protected Streams createStreams() {
        return new JmsStreams(new ContainerConnectionFactory("jms/conformance",
                ArtemisConnections.connectionFactory(broker.connectionUrl())),
                ProducerOptions.DEFAULTS, ConsumerOptions.DEFAULTS, ".DLQ");
    }
}
