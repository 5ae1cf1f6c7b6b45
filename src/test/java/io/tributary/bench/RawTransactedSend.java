package io.tributary.bench;

/** Raw JMS {@code produce-transacted}: a transacted session sending persistent messages, committing every {@value Bench#BATCH}. */
final class RawTransactedSend extends NamedScenario {

    RawTransactedSend() {
        super("raw-jms", "produce-transacted", "produce-transacted");
    }

    @Override
    public Measurement run(Bench bench) throws Exception {
        return Measurement.of(RawJms.transactedSend(bench.factory(), bench.freshQueue(), bench.count(), Bench.BATCH,
                Bench.bytesMessages()));
    }
}
