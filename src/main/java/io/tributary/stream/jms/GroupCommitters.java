package io.tributary.stream.jms;

import io.tributary.eventstream.BackoffStrategy;
import io.tributary.stream.GroupCommit;
import jakarta.jms.Connection;
import jakarta.jms.JMSException;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.logging.Logger;

/**
 * The {@link GroupCommit#committers()} {@link GroupCommitter}s of one {@link GroupCommitProducer}, each with its
 * own queue, two sessions and two threads (one sending, one committing), and the rule that picks one for a send:
 * the committer of the send's {@linkplain PendingSend#key() key} (a hash of it), or, without one, the committer of
 * the sending thread (its id). So every send of one key, and every unkeyed send of one thread, goes through one
 * FIFO committer and keeps its order; sends of different keys and threads commit side by side.
 *
 * <p>Thread safety: {@link #submit} may be called from any thread; {@link #stop} once, from any thread.
 */
final class GroupCommitters {

    private static final Logger LOG = Logger.getLogger(GroupCommitters.class.getName());

    private final ProducerTarget target;
    private final List<BlockingQueue<PendingSend>> queues = new ArrayList<>();
    private final List<GroupCommitter> committers = new ArrayList<>();
    private final List<Thread> sending = new ArrayList<>();
    private final List<Thread> threads = new ArrayList<>();

    /**
     * Opens every committer's session (closing those already opened if one fails) and starts their threads.
     *
     * @throws JMSException if a session cannot be opened
     */
    GroupCommitters(Connection connection, ProducerTarget target, GroupCommit config,
            BiConsumer<PendingSend, Throwable> settle, BackoffStrategy backoff) throws JMSException {
        this.target = target;
        try {
            for (int i = 0; i < config.committers(); i++) {
                BlockingQueue<PendingSend> queue = new LinkedBlockingQueue<>();
                committers.add(new GroupCommitter(connection, target, config, queue, settle, backoff,
                        "group committer " + (i + 1) + " of " + config.committers() + " of " + target.owner()));
                queues.add(queue);
            }
        } catch (JMSException | RuntimeException e) {
            committers.forEach(GroupCommitter::abandon);
            throw e;
        }
        for (int i = 0; i < committers.size(); i++) {
            GroupCommitter c = committers.get(i);
            String name = "tributary-group-commit-" + target.stream() + "-" + i;
            sending.add(start(c::runSending, name + "-send"));
            start(c::runCommitting, name + "-commit");
        }
    }

    private Thread start(Runnable loop, String name) {
        Thread t = new Thread(loop, name);
        t.setDaemon(true);
        threads.add(t);
        t.start();
        return t;
    }

    /** Queues {@code pending} on the committer of its key, or of the calling thread when it has no key. */
    void submit(PendingSend pending) {
        String key = pending.key();
        long spread = key != null ? key.hashCode() : Thread.currentThread().getId();
        queues.get((int) Math.floorMod(spread, (long) queues.size())).add(pending);
    }

    /**
     * Stops every committer after its transaction in progress and waits for all of them together at most
     * {@code waitMillis}; a committer still in a broker call then closes its session when the call returns.
     */
    void stop(long waitMillis) {
        committers.forEach(GroupCommitter::stop);
        sending.forEach(Thread::interrupt);
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(waitMillis);
        try {
            for (Thread t : threads) {
                t.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        long busy = threads.stream().filter(Thread::isAlive).count();
        if (busy > 0) {
            LOG.warning(() -> target.owner() + " closing: " + busy + " committer(s) still in a broker call after "
                    + waitMillis + " ms; each closes its session when the call returns");
        }
    }
}
