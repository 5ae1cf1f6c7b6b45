package io.tributary.bench;

import jakarta.jms.Message;
import java.util.UUID;

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
    private static final String DUPLICATE_ID = org.apache.activemq.artemis.api.core.Message.HDR_DUPLICATE_DETECTION_ID.toString();

    RawGroupCommitByHand() {
        super("raw-jms", "produce-transacted-" + TributaryGroupCommitSend.MAX_MESSAGES + "x" + SESSIONS,
                "produce-confirmed");
    }

    @Override
    public Measurement run(Bench bench) throws Exception {
        RawJms.MessageMaker plain = Bench.bytesMessages();
        RawJms.MessageMaker withId = session -> {
            Message m = plain.make(session);
            m.setStringProperty(DUPLICATE_ID, UUID.randomUUID().toString());
            return m;
        };
        String queue = bench.freshQueue();
        return bench.costed(bench.count(), () -> Parallel.rate(SESSIONS, bench.count(), n -> RawJms.transactedSend(
                bench.factory(), queue, n, TributaryGroupCommitSend.MAX_MESSAGES, withId)));
    }
}
