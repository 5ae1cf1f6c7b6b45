package io.tributary.reliability;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;

/** Heap measurements for the reliability scenarios: used heap right after a full collection. */
final class Heap {

    private static final MemoryMXBean MEMORY = ManagementFactory.getMemoryMXBean();
    private static final long MIB = 1L << 20;

    private Heap() {
    }

    /** Bytes of heap in use right after {@link System#gc()} (the JVM's collection is synchronous by default). */
    static long usedAfterGc() {
        System.gc();
        return MEMORY.getHeapMemoryUsage().getUsed();
    }

    /** {@code bytes} in MiB with one decimal, for notes. */
    static String mib(long bytes) {
        return String.format(java.util.Locale.ROOT, "%.1f MiB", bytes / (double) MIB);
    }
}
