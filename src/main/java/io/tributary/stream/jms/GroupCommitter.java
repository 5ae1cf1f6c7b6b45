package io.tributary.stream.jms;

import io.tributary.eventstream.BackoffStrategy;
import io.tributary.stream.GroupCommit;
import io.tributary.stream.Message;
import io.tributary.stream.StreamException;
import io.tributary.supervision.LoopHealth;
import jakarta.jms.Connection;
import jakarta.jms.JMSException;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The loops of a {@link GroupCommitProducer} committer, pipelined over two transacted sessions it owns. The
 * sending loop takes {@link PendingSend}s from a queue in order, gathers a transaction of up to
 * {@link GroupCommit#maxMessages()} messages or what arrived within the {@link GroupCommit#linger()} after the
 * first, and sends it on one session, then the next transaction on the other, and so on alternately; the
 * committing loop commits the transactions one at a time, strictly in the order they were gathered, and
 * settles each one's stages: normally when its own commit returned, exceptionally when its message could not be
 * sent or its commit failed (exactly the sends of that transaction). So while transaction N's commit is in flight,
 * transaction N+1 is already being sent, but N+1's commit is issued only once N's outcome is settled (committed,
 * or failed and backed off): the broker routes N before N+1, and per-key and per-thread order is that of a
 * committer without pipelining. When N failed, N+1 (different sends) still commits after it, as the next
 * transaction of an unpipelined committer would. An atomic send ({@code sendAll}) is a transaction of its own,
 * after the messages queued before it.
 *
 * <p><b>Failure.</b> A failed transaction is rolled back, its session closed (its next use opens a fresh one) and
 * the committing loop waits by {@code backoff} before the next commit, so a broken broker is not hammered. Its
 * {@link LoopHealth} ({@code /health/ready} lists it) shows it {@code RECOVERING} from the failure until a
 * transaction commits again or, when nothing is sent, a fresh session opens (tried after the backoff, then every
 * {@value #REOPEN_MILLIS} ms); the first failure and the recovery are logged once each. Any exception of one
 * transaction is caught there: only {@link #stop()} (with an interrupt of the sending loop) ends them; the committing
 * loop then closes both sessions and stops being listed.
 *
 * <p>Thread safety: {@link #runSending()} and {@link #runCommitting()} run on one thread each; a session is used
 * by one of them at a time ({@link CommitSession#acquire()}); {@link #stop()} may be called from any thread.
 */
final class GroupCommitter {

    /** How long an idle committer whose last transaction failed waits between attempts to reopen its session. */
    static final long REOPEN_MILLIS = 1_000;
    private static final Logger LOG = Logger.getLogger(GroupCommitter.class.getName());
    /** Tells the committing loop that the sending loop ended. */
    private static final Sent END = new Sent(null, List.of(), List.of(), null);

    private final ProducerTarget target;
    private final GroupCommit config;
    private final BlockingQueue<PendingSend> queue;
    private final BiConsumer<PendingSend, Throwable> settle;
    private final LoopHealth health;
    private final CommitSession[] sessions;
    /** Sent transactions waiting for their commit, in order; at most two (one per session). */
    private final BlockingQueue<Sent> sent = new LinkedBlockingQueue<>();
    private PendingSend carried;
    private int turn;
    /** The session of the last failed transaction, until a commit or a reopen succeeds; committing loop only. */
    private CommitSession broken;
    private volatile boolean running = true;

    /** A transaction sent on {@code session}: {@code sent} are those of {@code batch} that were sent, or it failed. */
    private record Sent(CommitSession session, List<PendingSend> batch, List<PendingSend> sent, Exception failure) {
    }

    /**
     * Opens both transacted sessions at once, so that a producer that cannot work fails when opened.
     *
     * @param name   names the committer in readiness and logs
     * @param settle completes a pending send's stage: normally with a {@code null} error
     * @throws JMSException if a session or its producer cannot be opened
     */
    GroupCommitter(Connection connection, ProducerTarget target, GroupCommit config, BlockingQueue<PendingSend> queue,
            BiConsumer<PendingSend, Throwable> settle, BackoffStrategy backoff, String name) throws JMSException {
        this.target = target;
        this.config = config;
        this.queue = queue;
        this.settle = settle;
        this.sessions = new CommitSession[] {
            new CommitSession(connection, target), new CommitSession(connection, target)};
        try {
            for (CommitSession s : sessions) {
                s.open();
            }
        } catch (JMSException | RuntimeException e) {
            closeSessions();
            throw e;
        }
        this.health = LoopHealth.start(name, backoff);
    }

    /** The sending loop: gathers each transaction and sends it on the next session once that one is settled. */
    void runSending() {
        try {
            while (running) {
                List<PendingSend> batch = nextTransaction();
                CommitSession session = sessions[turn];
                turn = 1 - turn;
                session.acquire();
                sent.add(send(session, batch));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            sent.add(END);
        }
    }

    /**
     * The committing loop: commits the sent transactions in order until the sending loop ended, then closes both
     * sessions (rolling back a transaction sent but not committed when {@link #stop()} came). It is not interrupted,
     * so that it never closes a session the sending loop still holds.
     */
    void runCommitting() {
        try {
            for (Sent next = nextSent(); next != END; next = nextSent()) {
                if (next != null) {
                    try {
                        if (running) {
                            commit(next);
                        }
                    } finally {
                        next.session().release();
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            closeSessions();
            health.close();
        }
    }

    /**
     * Ends both loops after the commit in progress; the caller interrupts the sending loop's thread to wake it, and
     * the committing loop ends when the sending loop did.
     */
    void stop() {
        running = false;
    }

    /**
     * The next transaction: the first send waiting (blocking until there is one), then, unless it is atomic,
     * what arrives within the linger up to the size limit. An atomic send met on the way is carried to the
     * next transaction.
     */
    private List<PendingSend> nextTransaction() throws InterruptedException {
        PendingSend first = carried != null ? carried : queue.take();
        carried = null;
        List<PendingSend> batch = new ArrayList<>();
        batch.add(first);
        if (first.atomic()) {
            return batch;
        }
        long deadline = System.nanoTime() + config.linger().toNanos();
        while (batch.size() < config.maxMessages()) {
            PendingSend next = config.linger().isZero() ? queue.poll()
                    : queue.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            if (next == null) {
                break;
            }
            if (next.atomic()) {
                carried = next;
                break;
            }
            batch.add(next);
        }
        return batch;
    }

    /**
     * The next sent transaction, blocking until there is one; {@code null} after {@value #REOPEN_MILLIS} ms while the
     * last transaction failed, after trying to reopen its session: once that succeeds the committer is running
     * again, even if nothing is sent for a while.
     */
    private Sent nextSent() throws InterruptedException {
        if (broken == null) {
            return sent.take();
        }
        Sent next = sent.poll(REOPEN_MILLIS, TimeUnit.MILLISECONDS);
        if (next == null && broken.tryAcquire()) {
            try {
                reopen(broken);
            } finally {
                broken.release();
            }
        }
        return next;
    }

    private void reopen(CommitSession session) {
        try {
            session.open();
            recovered();
        } catch (JMSException | RuntimeException e) {
            LOG.log(Level.FINE, target.owner() + ": cannot reopen a group-commit session yet", e);
        }
    }

    /**
     * Sends {@code batch} on {@code session}, which this thread holds. A single message that cannot be sent fails
     * alone at once; an atomic send that cannot be sent, or a session that cannot be opened, fails the transaction
     * when its turn to commit comes.
     */
    private Sent send(CommitSession session, List<PendingSend> batch) {
        List<PendingSend> done = new ArrayList<>(batch.size());
        try {
            session.open();
            for (PendingSend p : batch) {
                if (send(session, p)) {
                    done.add(p);
                }
            }
            return new Sent(session, batch, done, null);
        } catch (JMSException | RuntimeException e) {
            return new Sent(session, batch, done, e);
        }
    }

    /**
     * Commits a sent transaction, settling every stage of it; backs off after a failure. The broker rejects a whole
     * transaction that holds one message it has routed before (a resend): then each send of the batch is committed
     * on its own, so a resent one completes normally (the broker has it, as a confirmed send of it would) and the
     * others are not failed for their neighbour.
     */
    private void commit(Sent tx) throws InterruptedException {
        try {
            if (tx.failure() != null) {
                throw tx.failure();
            }
            tx.session().commit();
            tx.sent().forEach(p -> settle.accept(p, null));
            recovered();
        } catch (Exception e) {
            tx.session().close();
            if (Duplicates.rejected(e) && !tx.batch().get(0).atomic()) {
                commitEachAlone(tx.session(), tx.batch());
                return;
            }
            fail(tx.batch(), e);
            failed(tx.session(), tx.batch(), e);
        }
    }

    private void commitEachAlone(CommitSession session, List<PendingSend> batch) throws InterruptedException {
        for (PendingSend p : batch) {
            try {
                if (send(session, p)) {
                    session.commit();
                    settle.accept(p, null);
                }
            } catch (JMSException | RuntimeException e) {
                session.close();
                if (Duplicates.rejected(e)) {
                    settle.accept(p, null);
                } else {
                    fail(List.of(p), e);
                    failed(session, List.of(p), e);
                }
            }
        }
        recovered();
    }

    private void fail(List<PendingSend> batch, Exception e) {
        for (PendingSend p : batch) {
            settle.accept(p, new StreamException(p.describe() + " to stream '" + target.stream() + "' was in a"
                    + " transaction that did not commit (" + e + "); it may or may not have been routed: resending"
                    + " it is safe, duplicate detection routes a message once", e));
        }
    }

    /**
     * Sends the messages of {@code p} in the open transaction. A single message that cannot be sent fails
     * alone; an atomic send that cannot be sent fails the transaction (thrown).
     *
     * @return whether it was sent
     */
    private boolean send(CommitSession session, PendingSend p) throws JMSException {
        try {
            for (Message m : p.messages()) {
                session.send(m);
            }
            return true;
        } catch (JMSException | RuntimeException e) {
            if (p.atomic()) {
                throw e;
            }
            settle.accept(p, new StreamException(p.describe() + " to stream '" + target.stream() + "' was not sent ("
                    + e + "); it may or may not have been routed: resending it is safe", e));
            return false;
        }
    }

    private void failed(CommitSession session, List<PendingSend> batch, Exception e) throws InterruptedException {
        broken = session;
        health.backOff(new StreamException("a group commit of " + batch.size() + " send(s) failed, its senders are"
                + " told: " + e, e));
    }

    private void recovered() {
        broken = null;
        health.succeeded();
    }

    /** Releases a committer whose loops never ran: closes its sessions and stops listing it. */
    void abandon() {
        closeSessions();
        health.close();
    }

    private void closeSessions() {
        for (CommitSession s : sessions) {
            s.close();
        }
    }
}
