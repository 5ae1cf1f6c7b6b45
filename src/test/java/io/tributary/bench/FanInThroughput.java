package io.tributary.bench;

import io.tributary.fanin.ConsumeOptions;
import io.tributary.fanin.Subscription;
import io.tributary.fanin.memory.MemoryAggregator;
import java.time.Duration;

/**
 * Fan-in ({@link MemoryAggregator}): {@value #SOURCES} sources, each emitting its share of the items as fast as
 * the subscription's buffer ({@value #BUFFER}) takes them, on its own thread, into one subscription polled by the
 * harness thread; items per second until the last item was polled. 1,000,000 items (quick) or 5,000,000.
 */
final class FanInThroughput extends NamedScenario {

    private static final int SOURCES = 8;
    private static final int BUFFER = 1_024;

    FanInThroughput() {
        super("tributary", "fan-in-" + SOURCES + "-sources", null);
    }

    @Override
    public Measurement run(Bench bench) throws Exception {
        int share = (bench.quick() ? 1_000_000 : 5_000_000) / SOURCES;
        long total = (long) share * SOURCES;
        try (MemoryAggregator<Void, Integer> aggregator = new MemoryAggregator<>("bench-fan-in",
                r -> new Thread(r, "bench-fan-in-share").start(), SOURCES, 1)) {
            for (int s = 0; s < SOURCES; s++) {
                aggregator.addSource("source-" + s, (request, out) -> {
                    Integer item = 42;
                    int emitted = 0;
                    while (emitted < share && out.emit(item)) {
                        emitted++;
                    }
                });
            }
            long start = System.nanoTime();
            try (Subscription<Integer> subscription = aggregator.consume(null, new ConsumeOptions(BUFFER))) {
                for (long got = 0; got < total; got++) {
                    if (subscription.poll(Duration.ofSeconds(30)).isEmpty()) {
                        throw new IllegalStateException("fan-in delivered only " + got + " of " + total + " items");
                    }
                }
                return Measurement.rate(total, start).withNote(total + " items, poll one at a time");
            }
        }
    }
}
