package io.tributary.bench;

/** Raw JMS {@code produce-transacted}: a transacted session sending persistent messages, committing every {@value Bench#BATCH}. */
final class RawTransactedSend extends NamedScenario {

    RawTransactedSend() {
        super("raw-jms", "produce-transacted", "produce-transacted");
    }

    @Override
    public Measurement run(Bench bench) throws Exception {
        long start = System.nanoTime();
        RawJms.sendTransacted(bench.factory(), bench.freshQueue(), bench.count());
        return Measurement.rate(bench.count(), start);
    }
}
