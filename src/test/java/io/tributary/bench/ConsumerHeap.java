package io.tributary.bench;

import io.tributary.stream.Consumer;
import io.tributary.stream.jms.JmsStreams;

/**
 * Memory of Tributary's transacted consumer (batches of {@value Bench#BATCH}, ack per message) draining a queue
 * of 1,000,000 messages (quick mode: {@value #QUICK_MESSAGES}), filled before measuring, by a {@link HeapMeter}
 * over the drain. Measured in the first repetition only.
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
        try (JmsStreams streams = bench.streams(); Consumer c = streams.consumer(queue)) {
            HeapMeter meter = HeapMeter.start();
            long start = System.nanoTime();
            TributaryConsume.drain(c, count, m -> { });
            Measurement rate = Measurement.rate(count, start);
            return new Measurement(rate.msgsPerSec(), null, meter.stop(count),
                    count + " messages drained" + (bench.quick() ? " (quick mode: not 1,000,000)" : "")
                            + ", max heap " + (Runtime.getRuntime().maxMemory() >> 20) + " MiB");
        }
    }
}
