package io.tributary.stream.jms;

import io.tributary.stream.Message;
import io.tributary.stream.Producer;
import io.tributary.stream.ProducerOptions;
import io.tributary.stream.StreamClosedException;
import io.tributary.stream.StreamException;
import io.tributary.stream.StreamTimeoutException;
import jakarta.jms.CompletionListener;
import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSException;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;
import java.util.logging.Logger;

/**
 * A {@link Producer} over an Artemis queue, or a topic (a multicast address: every subscription queue
 * gets a copy).
 *
 * <p>{@link #send} is a JMS 2 asynchronous send of a persistent {@code BytesMessage} on a
 * non-transacted session; its stage completes from the {@code CompletionListener}, that is when the
 * broker confirmed the message (the connection factory must set {@code confirmationWindowSize}, as
 * {@link io.tributary.artemis.ArtemisConnections} does). A {@link Semaphore} of
 * {@link ProducerOptions#maxInFlight()} permits bounds the unconfirmed messages; each confirmation or
 * failure releases one. {@link #sendAll} sends on a second, transacted session and commits, after the
 * earlier asynchronous sends are confirmed so that order is kept. The message id is the
 * duplicate-detection id, so a resent message is routed once.
 *
 * <p><b>Failover.</b> A send that a failover to a backup broker (or a lost connection the client
 * restores) interrupted is sent again by the producer itself, with the same duplicate-detection id, on
 * the failed-over session, until {@link ProducerOptions#confirmTimeout()} after it was first sent; only then
 * does its stage fail. A resent message may land after messages sent later. {@link #sendAll} resends
 * its batch the same way ({@link TransactedSends}), until the confirm timeout after it began. (The window is
 * the confirm timeout, not {@link ProducerOptions#sendTimeout()}, which bounds only the wait for an in-flight
 * slot: the Artemis client can hold a call to a dead broker for its whole {@code callTimeout}, 30 s by default,
 * before failing over, and a send interrupted that late must still get its resend.)
 *
 * <p><b>Bounds.</b> A send the broker has not confirmed within {@link ProducerOptions#confirmTimeout()}
 * (its connection failed for good, say) completes exceptionally with a {@link StreamTimeoutException} and
 * frees its slot: a stage never waits forever. {@link #close()} never waits for a send that blocks
 * inside the client (an address full under the {@code BLOCK} policy): it waits up to
 * {@link ProducerOptions#closeTimeout()} for confirmations, fails what is still unconfirmed, and closes the
 * sessions (the transacted one after waiting at most the close timeout for a {@code sendAll} in progress),
 * which ends a blocked send with an error.
 *
 * <p>Thread safety: JMS sessions are single-threaded, so each session is used under its own lock;
 * completion callbacks touch no session.
 */
final class JmsProducer implements Producer {

    private static final Logger LOG = Logger.getLogger(JmsProducer.class.getName());
    /** How often unconfirmed sends are checked against their deadline, at most. */
    private static final Duration SWEEP_PERIOD = Duration.ofSeconds(1);

    private final String stream;
    private final ProducerTarget target;
    private final ProducerOptions options;
    private final Connection connection;
    private final Runnable onClose;
    private final Semaphore permits;
    /** Unconfirmed sends, each with its confirmation (which knows its deadlines). */
    private final Map<CompletableFuture<Void>, Confirmation> pending = new ConcurrentHashMap<>();
    private final ScheduledFuture<?> sweep;
    private final ReentrantLock asyncLock = new ReentrantLock();
    private final Session asyncSession;
    private final MessageProducer asyncProducer;
    private final TransactedSends batches;
    private final Resends resends;
    private final AtomicBoolean closed = new AtomicBoolean();

    /** A producer to the queue {@code stream}, or, if {@code topic}, to the topic of that name. */
    JmsProducer(Connection connection, String stream, boolean topic, ProducerOptions options, Runnable onClose)
            throws JMSException {
        this.connection = connection;
        this.stream = stream;
        this.target = new ProducerTarget(stream, topic);
        this.options = options;
        this.onClose = onClose;
        this.permits = new Semaphore(options.maxInFlight());
        this.asyncSession = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
        try {
            this.asyncProducer = target.producer(asyncSession);
        } catch (JMSException | RuntimeException e) {
            Sessions.close(asyncSession, owner());
            throw e;
        }
        this.batches = new TransactedSends(connection, target);
        this.resends = new Resends("tributary-resend-" + stream);
        this.sweep = Sweeps.every(sweepPeriod(options.confirmTimeout()), this::expire);
    }

    @Override
    public String stream() {
        return stream;
    }

    @Override
    public CompletionStage<Void> send(Message message) throws InterruptedException {
        options.checkSize(message);
        checkOpen();
        if (!permits.tryAcquire(options.sendTimeout().toNanos(), TimeUnit.NANOSECONDS)) {
            throw new StreamTimeoutException("no in-flight slot of producer to stream '" + stream + "' freed within "
                    + options.sendTimeout() + " (" + options.maxInFlight() + " messages unconfirmed): message "
                    + message.id() + " was not sent");
        }
        return dispatch(message);
    }

    @Override
    public Optional<CompletionStage<Void>> trySend(Message message) {
        options.checkSize(message);
        checkOpen();
        return permits.tryAcquire() ? Optional.of(dispatch(message)) : Optional.empty();
    }

    @Override
    public CompletionStage<Void> sendAll(List<Message> messages) throws InterruptedException {
        options.checkBatch(messages);
        checkOpen();
        try {
            flush(options.sendTimeout());
        } catch (TimeoutException e) {
            throw new StreamTimeoutException("earlier sends to stream '" + stream + "' were not confirmed within "
                    + options.sendTimeout() + ": the batch of " + messages.size() + " was not sent");
        }
        checkOpen();
        return batches.commit(messages, options.confirmTimeout(), this::sendEach);
    }

    /** Sends each of {@code messages} asynchronously; the stage completes when all are confirmed. */
    private CompletionStage<Void> sendEach(List<Message> messages) {
        try {
            CompletableFuture<?>[] stages = new CompletableFuture<?>[messages.size()];
            for (int i = 0; i < stages.length; i++) {
                stages[i] = send(messages.get(i)).toCompletableFuture();
            }
            return CompletableFuture.allOf(stages);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return CompletableFuture.failedStage(new StreamException("interrupted while sending a batch to stream '"
                    + stream + "' one by one; resending it is safe", e));
        }
    }

    @Override
    public void flush(Duration timeout) throws InterruptedException, TimeoutException {
        Settled.await(pending.keySet(), timeout,
                () -> pending.size() + " message(s) to stream '" + stream + "' still unconfirmed after " + timeout);
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            flush(options.closeTimeout());
        } catch (TimeoutException e) {
            LOG.warning(() -> "producer to stream '" + stream + "' closing: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        failPending();
        sweep.cancel(false);
        resends.close();
        Sessions.close(asyncSession, owner());
        failPending();
        batches.close(options.closeTimeout());
        onClose.run();
    }

    /** Fails every send still unconfirmed: the producer is closing. */
    private void failPending() {
        for (CompletableFuture<Void> f : List.copyOf(pending.keySet())) {
            finish(f, new StreamClosedException("producer to stream '" + stream + "' closed before the"
                    + " broker confirmed the message; it may or may not have been routed, resending it is safe"));
        }
    }

    /** A quarter of the confirm timeout, from 1 ms to {@link #SWEEP_PERIOD}. */
    private static Duration sweepPeriod(Duration confirmTimeout) {
        long millis = Math.max(1, Math.min(SWEEP_PERIOD.toMillis(), confirmTimeout.toMillis() / 4));
        return Duration.ofMillis(millis);
    }

    /** Fails the sends whose confirmation is overdue. */
    private void expire() {
        long now = System.nanoTime();
        pending.forEach((f, c) -> {
            if (now - c.confirmBy > 0) {
                finish(f, new StreamTimeoutException("message " + c.message.id() + " to stream '" + stream + "' was"
                        + " not confirmed by the broker within " + options.confirmTimeout() + " (tributary.producer"
                        + ".confirm-timeout-ms); it may or may not have been routed, resending it is safe"));
            }
        });
    }

    private CompletionStage<Void> dispatch(Message message) {
        CompletableFuture<Void> confirmed = new CompletableFuture<>();
        long now = System.nanoTime();
        Confirmation confirmation = new Confirmation(confirmed, message, now + options.confirmTimeout().toNanos());
        asyncLock.lock();
        try {
            if (closed.get()) {
                permits.release();
                throw closedException();
            }
            pending.put(confirmed, confirmation);
            transmit(confirmation);
        } catch (JMSException | RuntimeException e) {
            if (e instanceof StreamClosedException closedException) {
                throw closedException;
            }
            confirmation.onException(null, e);
        } finally {
            asyncLock.unlock();
        }
        return confirmed.minimalCompletionStage();
    }

    /** Sends the message of {@code confirmation} on the asynchronous session; callers hold its lock. */
    private void transmit(Confirmation confirmation) throws JMSException {
        Message m = confirmation.message;
        asyncProducer.send(target.encode(asyncSession, m), DeliveryMode.PERSISTENT, m.priority(),
                MessageCodec.timeToLive(m), confirmation);
    }

    /**
     * Sends the message of {@code confirmation} again, after a failover interrupted it (same
     * duplicate-detection id); its stage fails if that is not possible before its deadline. Also while
     * closing: {@link #close} waits for these within its timeout, then stops the resend thread.
     */
    private void resend(Confirmation confirmation) {
        asyncLock.lock();
        try {
            transmit(confirmation);
        } catch (JMSException | RuntimeException e) {
            confirmation.onException(null, e);
        } finally {
            asyncLock.unlock();
        }
    }

    /**
     * Frees the send's window slot, then completes its stage: whoever sees the stage complete finds
     * the slot free.
     */
    private void finish(CompletableFuture<Void> confirmed, Throwable error) {
        if (pending.remove(confirmed) != null) {
            permits.release();
        }
        if (error == null) {
            confirmed.complete(null);
        } else {
            confirmed.completeExceptionally(error);
        }
    }

    private String owner() {
        return "the producer to stream '" + stream + "'";
    }

    private void checkOpen() {
        if (closed.get()) {
            throw closedException();
        }
    }

    private StreamClosedException closedException() {
        return new StreamClosedException("producer to stream '" + stream + "' is closed");
    }

    /**
     * Completes a send's stage when the broker confirms or refuses it; a send that a failover interrupted
     * is handed to {@link #resends} until its confirm deadline, when {@link #expire} fails it. Never touches the
     * session.
     */
    private final class Confirmation implements CompletionListener {
        private final CompletableFuture<Void> confirmed;
        private final Message message;
        private final long confirmBy;

        Confirmation(CompletableFuture<Void> confirmed, Message message, long confirmBy) {
            this.confirmed = confirmed;
            this.message = message;
            this.confirmBy = confirmBy;
        }

        @Override
        public void onCompletion(jakarta.jms.Message sent) {
            finish(confirmed, null);
        }

        @Override
        public void onException(jakarta.jms.Message sent, Exception e) {
            if (FailoverErrors.interruptedByFailover(e) && System.nanoTime() - confirmBy < 0
                    && resends.submit(() -> resend(this))) {
                return;
            }
            finish(confirmed, new StreamException("message " + message.id() + " to stream '" + stream
                    + "' was not confirmed: " + e + (FailoverErrors.interruptedByFailover(e)
                    ? " (interrupted by a failover; it may or may not have been routed, resending it is safe)"
                    : ""), e));
        }
    }
}
