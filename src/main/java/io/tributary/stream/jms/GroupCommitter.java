package io.tributary.stream.jms;

import io.tributary.eventstream.BackoffStrategy;
import io.tributary.stream.GroupCommit;
import io.tributary.stream.Message;
import io.tributary.stream.StreamException;
import io.tributary.supervision.LoopHealth;
import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The loop of a {@link GroupCommitProducer}: takes {@link PendingSend}s from a queue in order, sends them
 * on a transacted session it owns, and commits every {@link GroupCommit#maxMessages()} messages or when
 * nothing more arrived within the {@link GroupCommit#linger()} after the first; then settles each one's
 * stage: normally when the commit returned, exceptionally when its message could not be sent or the commit
 * failed (exactly the sends of that transaction). An atomic send ({@code sendAll}) is committed in a
 * transaction of its own, after the messages queued before it.
 *
 * <p><b>Failure.</b> A failed transaction is rolled back, its session closed (the next transaction opens a
 * fresh one on the connection) and the loop waits by {@code backoff} before the next, so a broken broker is
 * not hammered. Its {@link LoopHealth} ({@code /health/ready} lists it) shows it {@code RECOVERING} from the
 * failure until a transaction commits again or, when nothing is sent, a fresh session opens (tried after the
 * backoff, then every {@value #REOPEN_MILLIS} ms); the first failure and the recovery are logged once each. Any
 * exception of one transaction is caught there: only {@link #stop()} (with an interrupt) ends the loop,
 * which then closes the session and stops being listed.
 *
 * <p>Thread safety: {@link #run()} runs on one thread, which alone touches the session; {@link #stop()} may
 * be called from any thread.
 */
final class GroupCommitter implements Runnable {

    /** How long an idle committer whose last transaction failed waits between attempts to reopen its session. */
    static final long REOPEN_MILLIS = 1_000;
    private static final Logger LOG = Logger.getLogger(GroupCommitter.class.getName());

    private final Connection connection;
    private final ProducerTarget target;
    private final GroupCommit config;
    private final BlockingQueue<PendingSend> queue;
    private final BiConsumer<PendingSend, Throwable> settle;
    private final LoopHealth health;
    private Session session;
    private MessageProducer producer;
    private PendingSend carried;
    private volatile boolean running = true;

    /**
     * Opens the first transacted session at once, so that a producer that cannot work fails when opened.
     *
     * @param name   names the committer in readiness and logs
     * @param settle completes a pending send's stage: normally with a {@code null} error
     * @throws JMSException if the session or its producer cannot be opened
     */
    GroupCommitter(Connection connection, ProducerTarget target, GroupCommit config, BlockingQueue<PendingSend> queue,
            BiConsumer<PendingSend, Throwable> settle, BackoffStrategy backoff, String name) throws JMSException {
        this.connection = connection;
        this.target = target;
        this.config = config;
        this.queue = queue;
        this.settle = settle;
        openSession();
        this.health = LoopHealth.start(name, backoff);
    }

    @Override
    public void run() {
        try {
            while (running) {
                commit(nextTransaction());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            closeSession();
            health.close();
        }
    }

    /** Ends the loop after the transaction in progress; the caller interrupts the thread to wake it. */
    void stop() {
        running = false;
    }

    /**
     * The next transaction: the first send waiting (blocking until there is one), then, unless it is atomic,
     * what arrives within the linger up to the size limit. An atomic send met on the way is carried to the
     * next transaction.
     */
    private List<PendingSend> nextTransaction() throws InterruptedException {
        PendingSend first = carried != null ? carried : nextSend();
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
     * The next send waiting, blocking until there is one. While the last transaction failed (its session is
     * closed), waits at most {@value #REOPEN_MILLIS} ms at a time and meanwhile reopens the session: once that
     * succeeds the committer is running again, even if nothing is sent for a while.
     */
    private PendingSend nextSend() throws InterruptedException {
        while (session == null && !reopened()) {
            PendingSend next = queue.poll(REOPEN_MILLIS, TimeUnit.MILLISECONDS);
            if (next != null) {
                return next;
            }
        }
        return queue.take();
    }

    /** Whether a fresh session could be opened (then the committer is running again). */
    private boolean reopened() {
        try {
            openSession();
            health.succeeded();
            return true;
        } catch (JMSException | RuntimeException e) {
            LOG.log(Level.FINE, target.owner() + ": cannot reopen a group-commit session yet", e);
            return false;
        }
    }

    /**
     * Sends and commits {@code batch}, settling every stage of it; backs off after a failure. The broker
     * rejects a whole transaction that holds one message it has routed before (a resend): then each send of
     * the batch is committed on its own, so a resent one completes normally (the broker has it, as a confirmed
     * send of it would) and the others are not failed for their neighbour.
     */
    private void commit(List<PendingSend> batch) throws InterruptedException {
        try {
            sendAndCommit(batch);
            recovered();
        } catch (JMSException | RuntimeException e) {
            closeSession();
            if (Duplicates.rejected(e) && !batch.get(0).atomic()) {
                commitEachAlone(batch);
                return;
            }
            fail(batch, e);
            failed(batch, e);
        }
    }

    private void sendAndCommit(List<PendingSend> batch) throws JMSException {
        if (session == null) {
            openSession();
        }
        List<PendingSend> sent = new ArrayList<>(batch.size());
        for (PendingSend p : batch) {
            if (send(p)) {
                sent.add(p);
            }
        }
        session.commit();
        sent.forEach(p -> settle.accept(p, null));
    }

    private void commitEachAlone(List<PendingSend> batch) throws InterruptedException {
        for (PendingSend p : batch) {
            try {
                sendAndCommit(List.of(p));
            } catch (JMSException | RuntimeException e) {
                closeSession();
                if (Duplicates.rejected(e)) {
                    settle.accept(p, null);
                } else {
                    fail(List.of(p), e);
                    failed(List.of(p), e);
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
    private boolean send(PendingSend p) throws JMSException {
        try {
            for (Message m : p.messages()) {
                target.send(producer, session, m);
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

    private void failed(List<PendingSend> batch, Exception e) throws InterruptedException {
        health.backOff(new StreamException("a group commit of " + batch.size() + " send(s) failed, its senders are"
                + " told: " + e, e));
    }

    private void recovered() {
        health.succeeded();
    }

    private void openSession() throws JMSException {
        Session opened = connection.createSession(true, Session.SESSION_TRANSACTED);
        try {
            producer = target.producer(opened);
        } catch (JMSException | RuntimeException e) {
            Sessions.close(opened, target.owner());
            throw e;
        }
        session = opened;
    }

    /** Releases a committer whose loop never ran: closes its session and stops listing it. */
    void abandon() {
        closeSession();
        health.close();
    }

    private void closeSession() {
        Sessions.close(session, target.owner());
        session = null;
        producer = null;
    }
}
