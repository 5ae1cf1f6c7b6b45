package io.tributary.stream.memory;

import io.tributary.stream.Streams;
import io.tributary.stream.TopicConformance;

/** The in-memory streams against the topic conformance suite. */
class MemoryTopicConformanceTest extends TopicConformance {

    @Override
    protected Streams createStreams() {
        return new MemoryStreams();
    }
}
