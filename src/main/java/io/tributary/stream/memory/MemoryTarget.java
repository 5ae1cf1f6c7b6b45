package io.tributary.stream.memory;

import io.tributary.stream.Message;

import java.time.Duration;
import java.util.List;

/** What a {@link MemoryProducer} sends to: a stream's queue or a topic. Implementations are thread-safe. */
interface MemoryTarget {

    /** The stream or topic name. */
    String name();

    /**
     * Stores messages once there is room, waiting at most {@code wait}; a resent message (same id) is
     * stored once.
     *
     * @return false if there was no room in time
     */
    boolean offer(List<Message> messages, Duration wait) throws InterruptedException;
}
