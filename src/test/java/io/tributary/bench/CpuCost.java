package io.tributary.bench;

/**
 * CPU time a scenario spent per message, from the operating system's accounting of each process: the harness
 * JVM ({@code OperatingSystemMXBean.getProcessCpuTime}, every thread: the client's own and the Artemis client's)
 * and the broker process ({@link ProcessHandle.Info#totalCpuDuration()}).
 *
 * @param clientMicrosPerMsg CPU microseconds of the harness JVM per message
 * @param brokerMicrosPerMsg CPU microseconds of the broker process per message
 */
record CpuCost(double clientMicrosPerMsg, double brokerMicrosPerMsg) {
}
