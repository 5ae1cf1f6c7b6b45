package io.tributary.bench;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Raw JMS {@code end-to-end-max}, the baseline of Tributary's row of that name: a producer thread doing confirmed
 * async sends ({@value Bench#WINDOW} in flight) while the harness thread receives on a transacted session
 * committing every {@value Bench#BATCH}, both unpaced and on connections of their own; the rate is the messages
 * over the time until the consumer committed the last one.
 */
final class RawEndToEnd extends NamedScenario {

    private static final long RECEIVE_WAIT_MILLIS = 10_000;

    RawEndToEnd() {
        super("raw-jms", "end-to-end-max", "end-to-end-max");
    }

    @Override
    public Measurement run(Bench bench) throws Exception {
        String queue = bench.freshQueue();
        int count = bench.count();
        long start = System.nanoTime();
        CompletableFuture<Void> sending = Background.start("bench-raw-producer",
                () -> RawJms.confirmedSend(bench.factory(), queue, count, Bench.WINDOW, Bench.bytesMessages()));
        RawJms.transactedReceive(bench.factory(), queue, count, Bench.BATCH, RECEIVE_WAIT_MILLIS);
        Measurement m = Measurement.rate(count, start);
        sending.get(60, TimeUnit.SECONDS);
        return m;
    }
}
