package io.tributary.stream.memory;

import io.tributary.stream.Streams;
import io.tributary.stream.StreamsConformance;
import io.tributary.stream.TopicConformance;
import org.junit.jupiter.api.Nested;

/** The in-memory streams against the conformance suites (streams, and topics nested). */
class MemoryStreamsConformanceTest extends StreamsConformance {

    @Override
    protected Streams createStreams() {
        return new MemoryStreams();
    }

    /** The topic part of the contract. */
    @Nested
    class Topics extends TopicConformance {
        @Override
        protected Streams createStreams() {
            return new MemoryStreams();
        }
    }
}
