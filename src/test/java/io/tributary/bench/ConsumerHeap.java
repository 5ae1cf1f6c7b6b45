package io.tributary.bench;

import io.tributary.stream.Consumer;
import io.tributary.stream.jms.JmsStreams;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.List;

/**
 * Memory of Tributary's transacted consumer (batches of {@value Bench#BATCH}, ack per message) draining a queue
 * of 1,000,000 messages (quick mode: {@value #QUICK_MESSAGES}), filled before measuring. Allocation is
 * {@code com.sun.management.ThreadMXBean#getTotalThreadAllocatedBytes()} over the drain (every thread of the
 * harness JVM, so the Artemis client's threads too) divided by the messages; peak heap is the sum of the heap
 * pools' peak usage ({@link MemoryPoolMXBean#resetPeakUsage()} after a GC before the drain), an upper bound
 * since pools peak at different times. Measured in the first repetition only.
 */
final class ConsumerHeap extends NamedScenario {

    private static final int FULL_MESSAGES = 1_000_000;
    private static final int QUICK_MESSAGES = 50_000;

    ConsumerHeap() {
        super("tributary", "consume-heap", null);
    }

    @Override
    public boolean firstRepetitionOnly() {
        return true;
    }

    @Override
    public Measurement run(Bench bench) throws Exception {
        int count = bench.quick() ? QUICK_MESSAGES : FULL_MESSAGES;
        String queue = bench.filledQueue(count);
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        List<MemoryPoolMXBean> heap = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(p -> p.getType() == MemoryType.HEAP).toList();
        try (JmsStreams streams = bench.streams(); Consumer c = streams.consumer(queue)) {
            System.gc();
            heap.forEach(MemoryPoolMXBean::resetPeakUsage);
            long allocatedBefore = threads.getTotalThreadAllocatedBytes();
            long start = System.nanoTime();
            TributaryConsume.drain(c, count, m -> { });
            Measurement rate = Measurement.rate(count, start);
            long allocated = threads.getTotalThreadAllocatedBytes() - allocatedBefore;
            long peak = heap.stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum();
            return new Measurement(rate.msgsPerSec(), null, new HeapUse(peak, (double) allocated / count, count),
                    count + " messages drained" + (bench.quick() ? " (quick mode: not 1,000,000)" : "")
                            + ", max heap " + (Runtime.getRuntime().maxMemory() >> 20) + " MiB");
        }
    }
}
