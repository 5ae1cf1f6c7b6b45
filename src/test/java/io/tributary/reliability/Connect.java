package io.tributary.reliability;

import io.tributary.artemis.ArtemisConnections;
import io.tributary.stream.ConsumerOptions;
import io.tributary.stream.ProducerOptions;
import io.tributary.stream.StreamException;
import io.tributary.stream.jms.JmsStreams;
import io.tributary.testing.ArtemisPair;
import io.tributary.testing.ArtemisProcess;
import java.time.Duration;

/** Opens {@link JmsStreams} on an {@link ArtemisProcess}, retrying while the broker restarts. */
final class Connect {

    /** The dead-letter suffix the reliability scenarios use. */
    static final String DLQ_SUFFIX = ".DLQ";
    private static final Duration RETRY_DEADLINE = Duration.ofSeconds(90);

    private Connect() {
    }

    /** Opens streams now; fails with the broker's error when it is unreachable. */
    static JmsStreams streams(ArtemisProcess broker, ConsumerOptions consumerOptions) {
        return new JmsStreams(ArtemisConnections.connectionFactory(broker.url(), broker.user(), broker.password()),
                ProducerOptions.DEFAULTS, consumerOptions, DLQ_SUFFIX);
    }

    /** Opens streams on the failover URL of {@code pair}; fails with the broker's error when neither is reachable. */
    static JmsStreams streams(ArtemisPair pair, ConsumerOptions consumerOptions) {
        return new JmsStreams(ArtemisConnections.connectionFactory(pair.url(), pair.user(), pair.password()),
                ProducerOptions.DEFAULTS, consumerOptions, DLQ_SUFFIX);
    }

    /** Opens streams, retrying for up to 90 s while the broker is down. */
    static JmsStreams streamsRetrying(ArtemisProcess broker, ConsumerOptions consumerOptions)
            throws InterruptedException {
        long end = System.nanoTime() + RETRY_DEADLINE.toNanos();
        while (true) {
            try {
                return streams(broker, consumerOptions);
            } catch (StreamException e) {
                if (System.nanoTime() - end > 0) {
                    throw new AssertionError("broker not reachable within " + RETRY_DEADLINE, e);
                }
                Thread.sleep(50);
            }
        }
    }

    /** Closes streams, ignoring what a dead broker makes close report. */
    static void closeQuietly(AutoCloseable closeable) {
        if (closeable == null) {
            return;
        }
        try {
            closeable.close();
        } catch (Exception e) {
            // the broker is gone; the connection is released anyway
        }
    }
}
