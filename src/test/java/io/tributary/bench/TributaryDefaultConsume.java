package io.tributary.bench;

import io.tributary.config.TributaryConfig;
import io.tributary.stream.Consumer;
import io.tributary.stream.ConsumerOptions;
import io.tributary.stream.jms.JmsStreams;
import java.util.Map;

/**
 * {@code consume-default}: Tributary's consumer exactly as a configured application gets it with no
 * {@code tributary.consumer.*} setting ({@link TributaryConfig} defaults: adaptive batching), draining a filled
 * queue with an ack per message, as {@link TributaryConsume} does.
 */
final class TributaryDefaultConsume extends NamedScenario {

    TributaryDefaultConsume() {
        super("tributary", "consume-default", "consume-transacted");
    }

    @Override
    public Measurement run(Bench bench) throws Exception {
        ConsumerOptions defaults = TributaryConfig.of(Map.of()).consumerOptions();
        String queue = bench.filledQueue(bench.count());
        return bench.costed(bench.count(), () -> {
            try (JmsStreams streams = bench.streams(defaults); Consumer c = streams.consumer(queue)) {
                long start = System.nanoTime();
                TributaryConsume.drain(c, bench.count(), m -> { });
                return Measurement.rate(bench.count(), start).withNote("batch-size " + defaults.batchSize() + ", linger "
                        + defaults.linger().toMillis() + " ms");
            }
        });
    }
}
