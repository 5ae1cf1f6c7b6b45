package io.tributary.messaging;

import io.tributary.stream.Consumer;
import io.tributary.stream.Handling;
import io.tributary.supervision.LoopHealth;
import io.tributary.work.pipeline.KeyedQueue;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Turns a transacted {@link Consumer} into a pull source of Reactive Messaging messages, one per
 * {@link #next()}. {@code Message.ack()} acks and {@code nack(reason)} nacks the Tributary message (retry
 * with backoff, dead-letter past the attempts).
 *
 * <p><b>Back-pressure.</b> A batch of at most {@code batchSize} messages is received only once every
 * message of the previous one is settled (the Consumer contract), so never more than one batch is pulled
 * ahead of the application. <b>In flight.</b> At most {@code max-in-flight} messages are handed out and
 * not yet settled; {@link #next()} waits for a settlement beyond that. <b>Order.</b> A message is handed
 * out only when every earlier message of the batch with its key (the {@code JMSXGroupID}) is settled, so
 * the messages of one key are processed one after another, in stream order (until a nack, which sends a
 * message behind the ones waiting). On crash the unsettled batch is redelivered by the broker.
 *
 * <p><b>Failures.</b> A receive that fails (the broker connection is being re-created, say) never ends the
 * channel: {@link #next()} backs off and receives again, the channel's {@link LoopHealth} shows it
 * {@code RECOVERING} in readiness until a receive succeeds. A nack without a reason (a {@code null}
 * throwable, or one whose message is blank) is passed on with the throwable's class name as its reason.
 * A settlement the consumer refuses leaves the message unsettled (it may be settled again); a settlement
 * that failed because the batch could not be committed counts as settled, since the broker delivers the
 * whole batch again.
 *
 * <p><b>Pause.</b> While {@link #pause() paused} it hands out nothing and receives no new batch; the
 * messages already out are settled as usual.
 *
 * <p>Threads: {@link #next()} and {@link #close()} belong to one receiver thread (the Consumer's receive
 * thread); ack and nack may come from any thread; {@link #stop()} from any.
 */
final class InboundBatches implements InboundChannel {

    private static final Duration RECEIVE_WAIT = Duration.ofSeconds(1);

    private final String channel;
    private final Consumer consumer;
    private final AtomicLong acked = new AtomicLong();
    private final AtomicLong nacked = new AtomicLong();
    private final int batchSize;
    private final int maxInFlight;
    private final LoopHealth health;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition settledOne = lock.newCondition();
    private KeyedQueue waiting = new KeyedQueue(List.of());
    private int unsettled;
    private int handedOut;
    private boolean stopped;
    private boolean paused;

    /** Batches of {@code consumer} for the channel named {@code channel} (in logs and readiness). */
    InboundBatches(String channel, Consumer consumer, int batchSize, int maxInFlight) {
        this.channel = channel;
        this.consumer = consumer;
        this.batchSize = batchSize;
        this.maxInFlight = maxInFlight;
        this.health = LoopHealth.start("channel '" + channel + "' receiving from stream " + consumer.stream());
    }

    /**
     * Blocks until a message may be handed out: receives the next batch once the previous one is
     * settled, and waits while {@code max-in-flight} messages are out or the next ones' keys are busy.
     *
     * @throws IllegalStateException if interrupted or {@link #stop() stopped} while waiting
     */
    Message<Object> next() {
        return wrap(nextMessage());
    }

    /**
     * The next message, taken on {@code receiver} as by {@link #next()} and handed out there inside its
     * {@link Consumer#handling handling scope}: the stage completes on the receiver thread with the message's
     * {@code process} span current, so a handler that runs on that completion (an {@code @Incoming} method)
     * starts its own spans as children of it.
     */
    CompletionStage<Message<Object>> handOut(Executor receiver) {
        CompletableFuture<Message<Object>> out = new CompletableFuture<>();
        receiver.execute(() -> {
            io.tributary.stream.Message m;
            try {
                m = nextMessage();
            } catch (RuntimeException e) {
                out.completeExceptionally(e);
                return;
            }
            try (Handling handling = consumer.handling(m)) {
                out.complete(wrap(m));
            }
        });
        return out;
    }

    private io.tributary.stream.Message nextMessage() {
        try {
            while (true) {
                lock.lockInterruptibly();
                try {
                    while (!stopped && (paused || unsettled > 0)) {
                        io.tributary.stream.Message m = !paused && handedOut < maxInFlight ? waiting.nextReady() : null;
                        if (m != null) {
                            handedOut++;
                            return m;
                        }
                        settledOne.await();
                    }
                    if (stopped) {
                        throw new IllegalStateException("channel of stream " + consumer.stream() + " is stopping");
                    }
                } finally {
                    lock.unlock();
                }
                receive();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while receiving from " + consumer.stream(), e);
        }
    }

    /** Wakes a waiting {@link #next()}, which then fails; call {@link #close()} after it returned. */
    void stop() {
        lock.lock();
        try {
            stopped = true;
            settledOne.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Closes the consumer: unsettled messages return to the stream. */
    void close() {
        try {
            consumer.close();
        } finally {
            health.close();
        }
    }

    /** The channel's state, as readiness shows it. */
    LoopHealth health() {
        return health;
    }

    @Override
    public String channel() {
        return channel;
    }

    @Override
    public String stream() {
        return consumer.stream();
    }

    @Override
    public LoopHealth.State state() {
        return health.state();
    }

    @Override
    public boolean paused() {
        return read(() -> paused);
    }

    @Override
    public int inFlight() {
        return read(() -> handedOut);
    }

    @Override
    public long acked() {
        return acked.get();
    }

    @Override
    public long nacked() {
        return nacked.get();
    }

    @Override
    public long backlog() {
        return consumer.backlog();
    }

    @Override
    public void pause() {
        update(() -> paused = true);
    }

    @Override
    public void resume() {
        update(() -> {
            paused = false;
            settledOne.signalAll();
        });
    }

    private <T> T read(java.util.function.Supplier<T> field) {
        lock.lock();
        try {
            return field.get();
        } finally {
            lock.unlock();
        }
    }

    private void update(Runnable change) {
        lock.lock();
        try {
            change.run();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Receives the next batch; only called when nothing is unsettled, so no settlement runs meanwhile. A
     * failed receive is recorded and waited out (backoff, cut short by {@link #stop()}).
     */
    private void receive() throws InterruptedException {
        List<io.tributary.stream.Message> batch;
        try {
            batch = consumer.receive(batchSize, RECEIVE_WAIT);
        } catch (RuntimeException e) {
            backOff(health.failed(e));
            return;
        }
        health.succeeded();
        lock.lock();
        try {
            waiting = new KeyedQueue(batch);
            unsettled = batch.size();
        } finally {
            lock.unlock();
        }
    }

    private void backOff(Duration delay) throws InterruptedException {
        lock.lockInterruptibly();
        try {
            long left = delay.toNanos();
            while (!stopped && left > 0) {
                left = settledOne.awaitNanos(left);
            }
        } finally {
            lock.unlock();
        }
    }

    private Message<Object> wrap(io.tributary.stream.Message m) {
        Object payload = m.isText() ? m.text() : m.value();
        AtomicBoolean settled = new AtomicBoolean();
        return TributaryMessage.incoming(payload, IncomingMetadata.of(m),
                () -> settle(m, settled, c -> c.ack(m), acked),
                reason -> settle(m, settled, c -> c.nack(m, reason(reason)), nacked));
    }

    /** The nack reason for {@code failure}: its message, or its class name when that is blank; never blank. */
    static String reason(Throwable failure) {
        if (failure == null) {
            return "nacked without a reason";
        }
        String text = failure.getMessage();
        return text == null || text.isBlank() ? failure.getClass().getName() : text;
    }

    private CompletableFuture<Void> settle(io.tributary.stream.Message m, AtomicBoolean settled,
            java.util.function.Consumer<Consumer> action, AtomicLong count) {
        if (!settled.compareAndSet(false, true)) {
            return CompletableFuture.failedFuture(new IllegalStateException("message " + m.id() + " of stream "
                    + consumer.stream() + " was already acked or nacked: a message is settled once"));
        }
        CompletableFuture<Void> done;
        try {
            action.accept(consumer);
            count.incrementAndGet();
            done = CompletableFuture.completedFuture(null);
        } catch (IllegalArgumentException refused) {
            settled.set(false);
            return CompletableFuture.failedFuture(refused);
        } catch (RuntimeException e) {
            done = CompletableFuture.failedFuture(e);
        }
        lock.lock();
        try {
            handedOut--;
            unsettled--;
            waiting.finished(m);
            settledOne.signalAll();
        } finally {
            lock.unlock();
        }
        return done;
    }
}
