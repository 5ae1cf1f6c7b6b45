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
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
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
 * <p>Thread safety: JMS sessions are single-threaded, so each session is used under its own lock;
 * completion callbacks touch no session.
 */
final class JmsProducer implements Producer {

    private static final Logger LOG = Logger.getLogger(JmsProducer.class.getName());

    private final String stream;
    private final ProducerTarget target;
    private final ProducerOptions options;
    private final Connection connection;
    private final Runnable onClose;
    private final Semaphore permits;
    private final Set<CompletableFuture<Void>> pending = ConcurrentHashMap.newKeySet();
    private final ReentrantLock asyncLock = new ReentrantLock();
    private final ReentrantLock batchLock = new ReentrantLock();
    private final Session asyncSession;
    private final MessageProducer asyncProducer;
    private Session batchSession;
    private MessageProducer batchProducer;
    private volatile boolean closed;

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
        batchLock.lock();
        try {
            checkOpen();
            if (batchSession == null) {
                batchSession = connection.createSession(true, Session.SESSION_TRANSACTED);
                batchProducer = target.producer(batchSession);
            }
            try {
                for (Message m : messages) {
                    target.send(batchProducer, batchSession, m);
                }
                batchSession.commit();
                return CompletableFuture.completedStage(null);
            } catch (JMSException e) {
                Sessions.rollback(batchSession, owner());
                return CompletableFuture.failedStage(new StreamException("batch of " + messages.size()
                        + " messages to stream '" + stream + "' was not committed (none routed): " + e, e));
            }
        } catch (JMSException e) {
            throw new StreamException("cannot open a transacted session for stream '" + stream + "': " + e, e);
        } finally {
            batchLock.unlock();
        }
    }

    @Override
    public void flush(Duration timeout) throws InterruptedException, TimeoutException {
        Settled.await(pending, timeout,
                () -> pending.size() + " message(s) to stream '" + stream + "' still unconfirmed after " + timeout);
    }

    @Override
    public void close() {
        asyncLock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
        } finally {
            asyncLock.unlock();
        }
        try {
            flush(options.closeTimeout());
        } catch (TimeoutException e) {
            LOG.warning(() -> "producer to stream '" + stream + "' closing: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (CompletableFuture<Void> f : List.copyOf(pending)) {
            finish(f, new StreamClosedException("producer to stream '" + stream + "' closed before the"
                    + " broker confirmed the message; it may or may not have been routed, resending it is safe"));
        }
        Sessions.close(asyncSession, owner());
        batchLock.lock();
        try {
            Sessions.close(batchSession, owner());
        } finally {
            batchLock.unlock();
        }
        onClose.run();
    }

    private CompletionStage<Void> dispatch(Message message) {
        CompletableFuture<Void> confirmed = new CompletableFuture<>();
        asyncLock.lock();
        try {
            if (closed) {
                permits.release();
                throw closedException();
            }
            pending.add(confirmed);
            asyncProducer.send(target.encode(asyncSession, message),
                    DeliveryMode.PERSISTENT, message.priority(), MessageCodec.timeToLive(message),
                    new Confirmation(confirmed, message.id()));
        } catch (JMSException | RuntimeException e) {
            if (e instanceof StreamClosedException closedException) {
                throw closedException;
            }
            finish(confirmed, new StreamException("message " + message.id() + " to stream '" + stream
                    + "' was not sent: " + e, e));
        } finally {
            asyncLock.unlock();
        }
        return confirmed.minimalCompletionStage();
    }

    /**
     * Frees the send's window slot, then completes its stage: whoever sees the stage complete finds
     * the slot free.
     */
    private void finish(CompletableFuture<Void> confirmed, Throwable error) {
        if (pending.remove(confirmed)) {
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
        if (closed) {
            throw closedException();
        }
    }

    private StreamClosedException closedException() {
        return new StreamClosedException("producer to stream '" + stream + "' is closed");
    }

    /** Completes a send's stage when the broker confirms or refuses it; never touches the session. */
    private final class Confirmation implements CompletionListener {
        private final CompletableFuture<Void> confirmed;
        private final String id;

        Confirmation(CompletableFuture<Void> confirmed, String id) {
            this.confirmed = confirmed;
            this.id = id;
        }

        @Override
        public void onCompletion(jakarta.jms.Message message) {
            finish(confirmed, null);
        }

        @Override
        public void onException(jakarta.jms.Message message, Exception e) {
            finish(confirmed, new StreamException("broker refused message " + id + " to stream '"
                    + stream + "': " + e, e));
        }
    }
}
