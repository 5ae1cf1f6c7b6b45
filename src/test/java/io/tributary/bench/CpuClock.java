package io.tributary.bench;

import java.lang.management.ManagementFactory;
import java.time.Duration;

/**
 * Measures the CPU time the harness JVM and the broker process spend from {@link #start} to
 * {@link #perMessage}, as a {@link CpuCost}: steadier than rates on a shared machine. A process whose CPU
 * time the operating system does not report counts as 0. One measurement per instance, one thread.
 */
final class CpuClock {

    private final ProcessHandle broker;
    private final long client0;
    private final long broker0;

    private CpuClock(ProcessHandle broker) {
        this.broker = broker;
        this.client0 = clientNanos();
        this.broker0 = nanos(broker);
    }

    /** Starts measuring this JVM and the broker with process id {@code brokerPid}. */
    static CpuClock start(long brokerPid) {
        return new CpuClock(ProcessHandle.of(brokerPid).orElseThrow(
                () -> new IllegalStateException("broker process " + brokerPid + " is gone")));
    }

    /** The CPU time of both processes since {@link #start}, per message of {@code messages}. */
    CpuCost perMessage(long messages) {
        return new CpuCost((clientNanos() - client0) / 1e3 / messages, (nanos(broker) - broker0) / 1e3 / messages);
    }

    private static long clientNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private static long nanos(ProcessHandle p) {
        return p.info().totalCpuDuration().map(Duration::toNanos).orElse(0L);
    }
}
