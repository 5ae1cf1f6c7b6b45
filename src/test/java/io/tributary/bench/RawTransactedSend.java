package io.tributary.bench;

/** Raw JMS {@code produce-transacted}: a transacted session sending persistent messages, committing every {@value Bench#BATCH}. */
final class RawTransactedSend extends NamedScenario {

    RawTransactedSend() {
        super("raw-jms", "produce-transacted", "produce-transacted");
    }

    @Override
    public Measurement run(Bench bench) throws Exception {
        String queue = bench.freshQueue();
        return bench.costed(bench.count(), () -> Measurement.of(RawJms.transactedSend(bench.factory(), queue,
                bench.count(), Bench.BATCH, Bench.bytesMessages())));
    }
}
