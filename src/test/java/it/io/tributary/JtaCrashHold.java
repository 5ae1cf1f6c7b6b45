package it.io.tributary;

import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import javax.transaction.xa.XAException;
import javax.transaction.xa.XAResource;
import javax.transaction.xa.Xid;

/**
 * A participant of JtaRecoveryIT's transaction that holds the two-phase commit open: it votes yes in
 * prepare, then, asked to commit (the other participants are prepared and the decision is logged), logs
 * {@value #IN_COMMIT} and waits, at most {@link JtaCrashResource#HOLD_MINUTES} minutes, for the test to
 * kill the server. It keeps nothing, so it has nothing to recover.
 */
final class JtaCrashHold implements XAResource {

    /** Logged when the commit phase reached this participant. */
    static final String IN_COMMIT = "JTA-CRASH in the commit phase: ";

    private static final Logger LOG = Logger.getLogger(JtaCrashHold.class.getName());

    private volatile String messageId = "";

    /** Names the message of the transaction in the log line. */
    void holding(String id) {
        messageId = id;
    }

    @Override
    public int prepare(Xid xid) {
        return XA_OK;
    }

    @Override
    public void commit(Xid xid, boolean onePhase) throws XAException {
        LOG.info(IN_COMMIT + messageId);
        try {
            TimeUnit.MINUTES.sleep(JtaCrashResource.HOLD_MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new XAException(XAException.XAER_RMFAIL);
        }
    }

    @Override
    public void rollback(Xid xid) {
    }

    @Override
    public void start(Xid xid, int flags) {
    }

    @Override
    public void end(Xid xid, int flags) {
    }

    @Override
    public void forget(Xid xid) {
    }

    @Override
    public Xid[] recover(int flag) {
        return new Xid[0];
    }

    @Override
    public boolean isSameRM(XAResource other) {
        return other == this;
    }

    @Override
    public int getTransactionTimeout() {
        return 0;
    }

    @Override
    public boolean setTransactionTimeout(int seconds) {
        return false;
    }
}
