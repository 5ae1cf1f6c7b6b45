package io.tributary.testing;

import io.tributary.artemis.ArtemisConnections;
import io.tributary.artemis.EmbeddedArtemis;
import io.tributary.stream.ConsumerOptions;
import io.tributary.stream.ProducerOptions;
import io.tributary.stream.jms.JmsStreams;

import java.nio.file.Path;

/**
 * An embedded broker (in-VM, security off) and JMS streams on it with dead-letter suffix {@code .DLQ}: the
 * fixture of unit tests that need real Artemis. {@link #close()} closes the streams, then stops the broker.
 */
public final class EmbeddedJms implements AutoCloseable {

    private final EmbeddedArtemis broker;
    private final JmsStreams streams;

    private EmbeddedJms(EmbeddedArtemis broker, JmsStreams streams) {
        this.broker = broker;
        this.streams = streams;
    }

    /** A started broker with journal in {@code data}, and streams with default options. */
    public static EmbeddedJms start(Path data) {
        return start(data, "", ConsumerOptions.DEFAULTS);
    }

    /**
     * A started broker with journal in {@code data}, and streams with {@code consumerOptions}, connected
     * through the broker's URL plus {@code urlParameters} (e.g. {@code "&consumerWindowSize=0"}).
     */
    public static EmbeddedJms start(Path data, String urlParameters, ConsumerOptions consumerOptions) {
        EmbeddedArtemis broker = new EmbeddedArtemis(data);
        broker.start();
        try {
            return new EmbeddedJms(broker, new JmsStreams(ArtemisConnections.connectionFactory(broker.connectionUrl()
                    + urlParameters), ProducerOptions.DEFAULTS, consumerOptions, ".DLQ"));
        } catch (RuntimeException e) {
            broker.stop();
            throw e;
        }
    }

    /** The broker. */
    public EmbeddedArtemis broker() {
        return broker;
    }

    /** The streams on it. */
    public JmsStreams streams() {
        return streams;
    }

    @Override
    public void close() {
        try {
            streams.close();
        } finally {
            broker.stop();
        }
    }
}
