package io.tributary.stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * What the stream conformance suites share: a fresh {@link Streams} per test, closed after it.
 * Subclasses say how to create it (and, if needed, what to release after it is closed).
 */
public abstract class StreamsFixture {

    protected Streams streams;

    /** The streams under test, with default options {@link ProducerOptions#DEFAULTS}. */
    protected abstract Streams createStreams() throws Exception;

    /** Releases what {@link #createStreams()} started, after {@code streams} is closed. */
    protected void destroy() throws Exception {
    }

    @BeforeEach
    void openStreams() throws Exception {
        streams = createStreams();
    }

    @AfterEach
    void closeStreams() throws Exception {
        try {
            streams.close();
        } finally {
            destroy();
        }
    }
}
