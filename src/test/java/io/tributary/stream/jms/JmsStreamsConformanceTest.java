package io.tributary.stream.jms;

import io.tributary.artemis.ArtemisConnections;
import io.tributary.artemis.EmbeddedArtemis;
import io.tributary.stream.ConsumerOptions;
import io.tributary.stream.ProducerOptions;
import io.tributary.stream.Streams;
import io.tributary.stream.StreamsConformance;
import io.tributary.stream.TopicConformance;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

/** The JMS streams against the conformance suites (streams, and topics nested), on one embedded Artemis broker (in-VM transport). */
class JmsStreamsConformanceTest extends StreamsConformance {

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
        return new JmsStreams(ArtemisConnections.connectionFactory(broker.connectionUrl()),
                producerOptions(), ConsumerOptions.DEFAULTS, ".DLQ");
    }

    /** The default options of the producers under test. */
    protected ProducerOptions producerOptions() {
        return ProducerOptions.DEFAULTS;
    }

    /** The topic part of the contract, on the same broker. */
    @Nested
    class Topics extends TopicConformance {
        @Override
        protected Streams createStreams() {
            return JmsStreamsConformanceTest.this.createStreams();
        }
    }
}
