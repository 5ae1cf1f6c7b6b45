package io.tributary.bench;

/**
 * Raw JMS {@code consume-transacted}: draining a filled queue with a transacted session, {@code receive} one
 * message at a time, committing every {@value Bench#BATCH}. The queue is filled before the clock starts.
 */
final class RawTransactedConsume extends NamedScenario {

    RawTransactedConsume() {
        super("raw-jms", "consume-transacted", "consume-transacted");
    }

    @Override
    public Measurement run(Bench bench) throws Exception {
        String queue = bench.filledQueue(bench.count());
        return bench.costed(bench.count(), () -> Measurement.of(RawJms.transactedReceive(bench.factory(), queue,
                bench.count(), Bench.BATCH, 10_000)));
    }
}
