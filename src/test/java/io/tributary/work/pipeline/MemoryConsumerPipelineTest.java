package io.tributary.work.pipeline;

import io.tributary.stream.Streams;
import io.tributary.stream.memory.MemoryStreams;

/** The consumer pipeline over {@link MemoryStreams}. */
class MemoryConsumerPipelineTest extends ConsumerPipelineConformance {

    private final MemoryStreams streams = new MemoryStreams();

    @Override
    protected Streams streams() {
        return streams;
    }

    @Override
    protected void closeStreams() {
        streams.close();
    }
}
