package io.tributary.bench;

import java.io.IOException;

/**
 * What a point of the scaling table measures besides its rate, started together just before the clock: the client
 * heap ({@link HeapMeter}), CPU per message of the harness JVM and the broker ({@link CpuClock}) and, with
 * {@code -Dbench.jfr}, a client profile ({@link JfrProfile}). One point per instance, one thread.
 */
final class ScaleMeter {

    private final HeapMeter heap;
    private final JfrProfile profile;
    private final CpuClock cpu;
    private final long start;

    /** Starts measuring the point {@code name} of the broker of {@code bench}. */
    ScaleMeter(Bench bench, String name) {
        heap = HeapMeter.start();
        profile = JfrProfile.start(bench.name() + "-" + name);
        cpu = CpuClock.start(bench.broker().pid());
        start = System.nanoTime();
    }

    /** The measurement of {@code messages} handled from the start until {@code endNanos}, with {@code note}. */
    Measurement finish(long messages, long endNanos, String note) throws IOException {
        CpuCost cost = cpu.perMessage(messages);
        HeapUse heapUse = heap.stop(messages);
        return new Measurement(messages * 1e9 / (endNanos - start), null, heapUse, cost, note + profile.summary());
    }
}
