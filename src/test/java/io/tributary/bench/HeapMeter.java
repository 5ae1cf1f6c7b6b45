package io.tributary.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.List;

/**
 * Measures the heap a scenario needs in the harness JVM, from {@link #start} to {@link #stop}: allocation is
 * {@code com.sun.management.ThreadMXBean#getTotalThreadAllocatedBytes()} (every thread, the Artemis client's
 * too) per message; peak heap is the sum of the heap pools' peak usage, reset after a GC at the start (an
 * upper bound, since pools peak at different times). One measurement per instance, one thread.
 */
final class HeapMeter {

    private final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    private final List<MemoryPoolMXBean> heap = ManagementFactory.getMemoryPoolMXBeans().stream()
            .filter(p -> p.getType() == MemoryType.HEAP).toList();
    private final long allocatedBefore;

    private HeapMeter() {
        System.gc();
        heap.forEach(MemoryPoolMXBean::resetPeakUsage);
        allocatedBefore = threads.getTotalThreadAllocatedBytes();
    }

    /** Collects garbage, resets the pools' peaks and starts counting allocation. */
    static HeapMeter start() {
        return new HeapMeter();
    }

    /** Peak heap since {@link #start} and allocation per message of {@code messages}. */
    HeapUse stop(long messages) {
        long allocated = threads.getTotalThreadAllocatedBytes() - allocatedBefore;
        long peak = heap.stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum();
        return new HeapUse(peak, (double) allocated / messages, messages);
    }
}
