package io.tributary.work.pipeline;

import io.tributary.artemis.ArtemisConnections;
import io.tributary.artemis.EmbeddedArtemis;
import io.tributary.stream.ConsumerOptions;
import io.tributary.stream.ProducerOptions;
import io.tributary.stream.Streams;
import io.tributary.stream.jms.JmsStreams;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

/** The consumer pipeline over {@link JmsStreams} on an embedded broker (in-VM transport only). */
class JmsConsumerPipelineTest extends ConsumerPipelineConformance {

    @TempDir
    Path data;

    private EmbeddedArtemis broker;
    private JmsStreams streams;

    @BeforeEach
    void startBroker() {
        broker = new EmbeddedArtemis(data);
        broker.start();
        streams = new JmsStreams(ArtemisConnections.connectionFactory(broker.connectionUrl()),
                ProducerOptions.DEFAULTS, ConsumerOptions.DEFAULTS, ".DLQ");
    }

    @Override
    protected void closeStreams() {
        streams.close();
        broker.stop();
    }

    @Override
    protected Streams streams() {
        return streams;
    }
}
