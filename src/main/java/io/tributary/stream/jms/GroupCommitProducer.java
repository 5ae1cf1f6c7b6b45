package io.tributary.stream.jms;

import io.tributary.eventstream.ExponentialBackoff;
import io.tributary.stream.GroupCommit;
import io.tributary.stream.Message;
import io.tributary.stream.Producer;
import io.tributary.stream.ProducerOptions;
import io.tributary.stream.StreamClosedException;
import io.tributary.stream.StreamTimeoutException;
import jakarta.jms.Connection;
import jakarta.jms.JMSException;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Logger;

/**
 * A {@link Producer} with {@link GroupCommit group commit}: every {@code send} joins the queue of one of the
 * {@link GroupCommitters} (the one of its key, or of the sending thread), whose thread drains it into broker
 * transactions, and its stage completes when the transaction holding it committed (the broker has it on disk),
 * or fails with exactly the other sends of a transaction that failed. Each message carries its id as the
 * duplicate-detection id, as with {@link JmsProducer}.
 *
 * <p><b>Order.</b> Each committer's queue is FIFO and it sends in queue order, one transaction after the other:
 * messages of one key, and unkeyed messages of one thread, are routed in send order; a {@link #sendAll} is
 * routed after every send queued before it on its committer, in a transaction of its own (all or none).
 * Messages of other keys or threads may commit before or after them on other committers.
 *
 * <p><b>Bounds.</b> {@link ProducerOptions#maxInFlight()} permits bound the sends queued or in an open
 * transaction (a {@code sendAll} takes one); {@link #send} waits for one at most
 * {@link ProducerOptions#sendTimeout()}, {@link #trySend} never waits. {@link #close()} waits for queued
 * sends at most {@link ProducerOptions#closeTimeout()}, then stops the committers (waiting for all of them at most
 * {@value #STOP_WAIT_MILLIS} ms more), fails the stages still open with {@link StreamClosedException} and
 * returns.
 *
 * <p>Thread safety: safe for many threads; each session is touched only by its committer's thread.
 */
final class GroupCommitProducer implements Producer {

    private static final Logger LOG = Logger.getLogger(GroupCommitProducer.class.getName());
    private static final long STOP_WAIT_MILLIS = 2_000;
    private static final ExponentialBackoff BACKOFF = new ExponentialBackoff(Duration.ofMillis(50), Duration.ofSeconds(2));

    private final ProducerTarget target;
    private final ProducerOptions options;
    private final Semaphore permits;
    private final Set<PendingSend> unsettled = ConcurrentHashMap.newKeySet();
    private final Object admission = new Object();
    private final GroupCommitters committers;
    private volatile boolean closed;

    /**
     * Opens the committers' transacted sessions and starts their threads.
     *
     * @throws JMSException if a session cannot be opened
     */
    GroupCommitProducer(Connection connection, ProducerTarget target, ProducerOptions options) throws JMSException {
        this.target = target;
        this.options = options;
        this.permits = new Semaphore(options.maxInFlight());
        this.committers = new GroupCommitters(connection, target, options.groupCommit(), this::settle, BACKOFF);
    }

    @Override
    public String stream() {
        return target.stream();
    }

    @Override
    public CompletionStage<Void> send(Message message) throws InterruptedException {
        options.checkSize(message);
        checkOpen();
        acquire("message " + message.id());
        return enqueue(PendingSend.single(message));
    }

    @Override
    public Optional<CompletionStage<Void>> trySend(Message message) {
        options.checkSize(message);
        checkOpen();
        return permits.tryAcquire() ? Optional.of(enqueue(PendingSend.single(message))) : Optional.empty();
    }

    @Override
    public CompletionStage<Void> sendAll(List<Message> messages) throws InterruptedException {
        options.checkBatch(messages);
        checkOpen();
        if (messages.isEmpty()) {
            return CompletableFuture.completedStage(null);
        }
        acquire("the batch of " + messages.size());
        return enqueue(PendingSend.atomic(messages));
    }

    @Override
    public void flush(Duration timeout) throws InterruptedException, TimeoutException {
        Settled.await(unsettled.stream().map(PendingSend::stage).toList(), timeout,
                () -> unsettled.size() + " send(s) to stream '" + target.stream() + "' still uncommitted after " + timeout);
    }

    @Override
    public void close() {
        synchronized (admission) {
            if (closed) {
                return;
            }
            closed = true;
        }
        try {
            flush(options.closeTimeout());
        } catch (TimeoutException e) {
            LOG.warning(() -> target.owner() + " closing: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        committers.stop(STOP_WAIT_MILLIS);
        for (PendingSend p : List.copyOf(unsettled)) {
            settle(p, new StreamClosedException(p.describe() + ": " + target.owner() + " closed before its"
                    + " transaction committed; it may or may not have been routed, resending it is safe"));
        }
    }

    @Override
    public String toString() {
        return target.owner() + " (group commit " + options.groupCommit() + ")";
    }

    private void acquire(String what) throws InterruptedException {
        if (!permits.tryAcquire(options.sendTimeout().toNanos(), TimeUnit.NANOSECONDS)) {
            throw new StreamTimeoutException("no in-flight slot of " + target.owner() + " freed within "
                    + options.sendTimeout() + " (" + options.maxInFlight() + " messages unconfirmed): " + what
                    + " was not sent");
        }
    }

    private CompletionStage<Void> enqueue(PendingSend pending) {
        synchronized (admission) {
            if (closed) {
                permits.release();
                throw closedException();
            }
            unsettled.add(pending);
            committers.submit(pending);
        }
        return pending.stage().minimalCompletionStage();
    }

    /** Frees the send's slot, then completes its stage (so whoever sees it complete finds the slot free). */
    private void settle(PendingSend pending, Throwable error) {
        if (unsettled.remove(pending)) {
            permits.release();
        }
        if (error == null) {
            pending.stage().complete(null);
        } else {
            pending.stage().completeExceptionally(error);
        }
    }

    private void checkOpen() {
        if (closed) {
            throw closedException();
        }
    }

    private StreamClosedException closedException() {
        return new StreamClosedException(target.owner() + " is closed");
    }
}
