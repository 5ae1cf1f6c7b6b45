package io.tributary.metrics;

import io.tributary.stream.Streams;
import io.tributary.stream.StreamsConformance;
import io.tributary.stream.memory.MemoryStreams;

import java.time.Duration;

/** The metrics decorator keeps the contract: in-memory streams behind it against the conformance suite. */
class MeteredStreamsConformanceTest extends StreamsConformance {

    @Override
    protected Streams createStreams() {
        return new MeteredStreams(new MemoryStreams(), new RecordingMeters(), () -> true, Duration.ofSeconds(1));
    }
}
