package io.tributary.stream.memory;

import io.tributary.stream.Streams;
import io.tributary.stream.StreamsConformance;

/** The in-memory streams against the conformance suite. */
class MemoryStreamsConformanceTest extends StreamsConformance {

    @Override
    protected Streams createStreams() {
        return new MemoryStreams();
    }
}
