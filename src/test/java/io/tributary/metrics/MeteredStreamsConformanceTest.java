package io.tributary.metrics;

import io.tributary.stream.Streams;
import io.tributary.stream.StreamsConformance;
import io.tributary.stream.TopicConformance;
import io.tributary.stream.memory.MemoryStreams;
import org.junit.jupiter.api.Nested;

import java.time.Duration;

/** The metrics decorator keeps the contract: in-memory streams behind it against the conformance suites. */
class MeteredStreamsConformanceTest extends StreamsConformance {

    @Override
    protected Streams createStreams() {
        return metered();
    }

    /** The topic part of the contract. */
    @Nested
    class Topics extends TopicConformance {
        @Override
        protected Streams createStreams() {
            return metered();
        }
    }

    private static Streams metered() {
        return new MeteredStreams(new MemoryStreams(), new RecordingMeters(), () -> true, Duration.ofSeconds(1), 1000);
    }
}
