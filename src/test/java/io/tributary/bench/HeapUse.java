package io.tributary.bench;

/**
 * Memory a scenario needed.
 *
 * @param peakHeapBytes          highest used heap (sum of the heap pools' peaks) while it ran
 * @param allocatedBytesPerMsg   bytes allocated by all JVM threads during the run, per message
 * @param messages               how many messages the run handled
 */
record HeapUse(long peakHeapBytes, double allocatedBytesPerMsg, long messages) {
}
