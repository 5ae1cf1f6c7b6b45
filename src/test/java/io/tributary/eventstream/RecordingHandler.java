package io.tributary.eventstream;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntPredicate;

/**
 * A test handler whose "effect" is a count per offset, recorded together with the next offset under
 * one lock (the stand-in for a database transaction); it throws on the calls {@code failOnCall} picks.
 */
final class RecordingHandler implements EventHandler {

    private final IntPredicate failOnCall;
    private final AtomicInteger calls = new AtomicInteger();
    private final Map<Long, Integer> effects = new TreeMap<>();
    private long nextOffset;

    RecordingHandler(IntPredicate failOnCall) {
        this.failOnCall = failOnCall;
    }

    @Override
    public synchronized long nextOffset(StreamIdentity stream) {
        return nextOffset;
    }

    @Override
    public void handleEvent(long offset, Event event) {
        if (failOnCall.test(calls.incrementAndGet())) {
            throw new IllegalStateException("handler fails on call " + calls.get() + " (offset " + offset + ")");
        }
        synchronized (this) {
            effects.merge(offset, 1, Integer::sum);
            nextOffset = offset + 1;
        }
    }

    synchronized long recordedNext() {
        return nextOffset;
    }

    synchronized Map<Long, Integer> effects() {
        return new TreeMap<>(effects);
    }

    int calls() {
        return calls.get();
    }
}
