package io.tributary.bench;

/**
 * Raw JMS sending from {@value #THREADS} threads at once into one queue, each thread on a connection of its own
 * as a user would write it: {@code produce-confirmed-8t} (async sends with a CompletionListener, each thread
 * {@value Bench#WINDOW} in flight) and {@code produce-transacted-8t} (each thread committing every
 * {@value Bench#BATCH}). The baselines of Tributary's {@code produce-group-commit-8t}.
 */
final class RawParallelSend extends NamedScenario {

    static final int THREADS = 8;

    private final boolean transacted;

    RawParallelSend(boolean transacted) {
        super("raw-jms", transacted ? "produce-transacted-8t" : "produce-confirmed-8t",
                transacted ? "produce-transacted-8t" : "produce-confirmed-8t");
        this.transacted = transacted;
    }

    @Override
    public Measurement run(Bench bench) throws Exception {
        String queue = bench.freshQueue();
        return bench.costed(bench.count(), () -> Parallel.rate(THREADS, bench.count(), n -> {
            if (transacted) {
                RawJms.transactedSend(bench.factory(), queue, n, Bench.BATCH, Bench.bytesMessages());
            } else {
                RawJms.confirmedSend(bench.factory(), queue, n, Bench.WINDOW, Bench.bytesMessages());
            }
        }));
    }
}
