package io.tributary.bench;

/**
 * Raw JMS {@code produce-transacted-500x2}: what Tributary's group commit does, written by hand with no library
 * in between, as the ceiling of the group-commit rows: {@value #SESSIONS} threads, each on a connection of its
 * own, send persistent messages carrying a random duplicate-detection id ({@code _AMQ_DUPL_ID}, as Tributary's do)
 * in transactions of {@value TributaryGroupCommitSend#MAX_MESSAGES}, so one transaction is being sent while the
 * other commits. Compared with raw {@code produce-confirmed}: its ratio shows how much broker transactions alone can
 * gain over confirmed sends on this broker.
 */
final class RawGroupCommitByHand extends NamedScenario {

    /** Transactions in flight at once, as a group committer's two pipelined sessions. */
    static final int SESSIONS = 2;

    RawGroupCommitByHand() {
        super("raw-jms", "produce-transacted-" + TributaryGroupCommitSend.MAX_MESSAGES + "x" + SESSIONS,
                "produce-confirmed");
    }

    @Override
    public Measurement run(Bench bench) throws Exception {
        RawJms.MessageMaker withId = RawJms.withDuplicateId(Bench.bytesMessages());
        String queue = bench.freshQueue();
        return bench.costed(bench.count(), () -> Parallel.rate(SESSIONS, bench.count(), n -> RawJms.transactedSend(
                bench.factory(), queue, n, TributaryGroupCommitSend.MAX_MESSAGES, withId)));
    }
}
