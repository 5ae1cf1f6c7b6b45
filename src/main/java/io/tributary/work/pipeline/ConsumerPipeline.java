package io.tributary.work.pipeline;

import io.tributary.stream.Consumer;
import io.tributary.stream.Handling;
import io.tributary.stream.Message;
import io.tributary.stream.StreamClosedException;
import io.tributary.stream.StreamException;
import io.tributary.supervision.LoopHealth;
import io.tributary.work.Outcome;
import io.tributary.work.WorkerPool;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Drives a stream {@link Consumer} through a {@link WorkerPool}: each received message becomes one
 * operation; a message whose operation succeeded is acked, one whose operation failed (after the pool's
 * retries) is nacked with the failure as the reason, so the consumer's redelivery policy takes over.
 *
 * <p><b>In flight.</b> At most {@code maxInFlight} messages are submitted and not yet settled at once.
 * <b>Order.</b> Messages with the same key are processed one after another, in the order received;
 * messages with different keys (or none) in parallel. Every message of a batch is settled before the
 * next receive, so the order per key holds across batches too -- until a nack: the consumer delivers a
 * nacked message again after the ones behind it (see {@link Consumer#nack}).
 *
 * <p><b>Tracing.</b> Each message is submitted inside its {@link Consumer#handling handling scope}, so with
 * a traced consumer and a pool that carries the submitter's context (as {@code ExecutorWorkerPool} does)
 * the operation runs with the message's {@code process} span current.
 *
 * <p><b>Threads.</b> {@link #run()} is the receive loop: it receives, submits, settles and finally closes
 * the consumer, all on its own thread (the consumer's receive and close belong to one thread). Run it on
 * an executor or a thread of its own; {@link #stop()} from any thread ends it after the current batch.
 *
 * <p><b>Failure and crash.</b> If the pool stops accepting work (shut down), the pipeline settles what
 * is in flight and stops; closing the consumer returns the unsettled messages to the stream. If the
 * process dies, the open batch is delivered again (the consumer's at-least-once contract): operations
 * must tolerate running twice. A message no worker kind accepts is nacked with that error.
 *
 * <p><b>Transient failures.</b> A receive that fails (the broker connection is lost or being re-created)
 * never ends the loop: it backs off ({@link LoopHealth#DEFAULT_BACKOFF}) and receives again; while it
 * does, the pipeline is listed {@code RECOVERING} in readiness ({@link io.tributary.supervision.Loops}),
 * and each change of state is logged once. Only {@link #stop()}, an interrupt, the consumer being
 * closed, or the pool shutting down end it.
 */
public final class ConsumerPipeline<R> implements Runnable {

    private static final System.Logger LOG = System.getLogger(ConsumerPipeline.class.getName());
    /** The longest nack reason passed on. */
    static final int MAX_REASON = 1_000;

    private final Consumer consumer;
    private final WorkerPool<Message, R> pool;
    private final int maxInFlight;
    private final BlockingQueue<Outcome<Message, R>> finished;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final AtomicLong acked = new AtomicLong();
    private final AtomicLong nacked = new AtomicLong();
    private volatile boolean stopRequested;

    /**
     * A pipeline; it owns {@code consumer} (closes it when {@link #run()} ends) but not {@code pool}.
     *
     * @param maxInFlight 1 to {@link io.tributary.stream.ConsumerOptions#MAX_BATCH_SIZE}
     */
    public ConsumerPipeline(Consumer consumer, WorkerPool<Message, R> pool, int maxInFlight) {
        this.consumer = Objects.requireNonNull(consumer, "consumer must not be null");
        this.pool = Objects.requireNonNull(pool, "pool must not be null");
        if (maxInFlight < 1 || maxInFlight > io.tributary.stream.ConsumerOptions.MAX_BATCH_SIZE) {
            throw new IllegalArgumentException("maxInFlight " + maxInFlight + " is out of range: use 1 to "
                    + io.tributary.stream.ConsumerOptions.MAX_BATCH_SIZE);
        }
        this.maxInFlight = maxInFlight;
        this.finished = new ArrayBlockingQueue<>(maxInFlight);
    }

    @Override
    public void run() {
        String name = "pipeline from stream '" + consumer.stream() + "' into pool '" + pool.name() + "'";
        LOG.log(Level.INFO, name + " started, at most " + maxInFlight + " in flight");
        try (LoopHealth health = LoopHealth.start(name)) {
            while (!stopRequested) {
                List<Message> batch = receive(health);
                if (!batch.isEmpty()) {
                    process(batch);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (StreamClosedException e) {
            LOG.log(Level.INFO, name + ": consumer closed");
        } finally {
            consumer.close();
            stopped.countDown();
            LOG.log(Level.INFO, name + " stopped: " + acked.get() + " acked, " + nacked.get() + " nacked");
        }
    }

    /** The next batch; empty after a failed receive, once its backoff has passed. */
    private List<Message> receive(LoopHealth health) throws InterruptedException {
        try {
            List<Message> batch = consumer.receive();
            health.succeeded();
            return batch;
        } catch (StreamClosedException e) {
            throw e;
        } catch (RuntimeException e) {
            health.backOff(e);
            return List.of();
        }
    }

    /** Asks the receive loop to end after the current batch. Idempotent. */
    public void stop() {
        stopRequested = true;
    }

    /** Waits until {@link #run()} has ended and closed the consumer; true if it did within {@code timeout}. */
    public boolean awaitStopped(Duration timeout) throws InterruptedException {
        return stopped.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** Messages acked so far. */
    public long acked() {
        return acked.get();
    }

    /** Messages nacked so far. */
    public long nacked() {
        return nacked.get();
    }

    /** Runs one batch to the end: every message settled, unless the pool stopped taking work. */
    private void process(List<Message> batch) throws InterruptedException {
        KeyedQueue queue = new KeyedQueue(batch);
        int unsettled = batch.size();
        int inFlight = 0;
        boolean poolOpen = true;
        while (unsettled > 0) {
            for (Message m; poolOpen && inFlight < maxInFlight && (m = queue.nextReady()) != null; ) {
                poolOpen = submit(m);
                inFlight += poolOpen ? 1 : 0;
            }
            if (inFlight == 0) {
                return;
            }
            Outcome<Message, R> done = finished.take();
            inFlight--;
            unsettled--;
            settle(done);
            queue.finished(done.payload());
        }
    }

    /** Submits {@code m}; false if the pool no longer takes work (the message stays unsettled). */
    private boolean submit(Message m) throws InterruptedException {
        while (true) {
            try (Handling handling = consumer.handling(m)) {
                pool.submit(m).thenAccept(finished::add);
                return true;
            } catch (RejectedExecutionException full) {
                LOG.log(Level.DEBUG, () -> "pipeline: pool '" + pool.name() + "' full, submitting again");
            } catch (IllegalArgumentException noKind) {
                finished.add(Outcome.refused(m, noKind));
                return true;
            } catch (IllegalStateException notRunning) {
                LOG.log(Level.WARNING, "pipeline from stream '" + consumer.stream() + "' stops: " + notRunning.getMessage());
                stopRequested = true;
                return false;
            }
        }
    }

    private void settle(Outcome<Message, R> outcome) {
        Message m = outcome.payload();
        try {
            if (outcome.succeeded()) {
                consumer.ack(m);
                acked.incrementAndGet();
            } else {
                consumer.nack(m, reason(outcome));
                nacked.incrementAndGet();
            }
        } catch (StreamException e) {
            LOG.log(Level.WARNING, "pipeline from stream '" + consumer.stream() + "': settling failed, the batch"
                    + " will be delivered again: " + e, e);
        }
    }

    /** The nack reason: the last error and the number of tries, never blank, at most {@value #MAX_REASON} characters. */
    static String reason(Outcome<?, ?> outcome) {
        Throwable e = outcome.error();
        String text = e.getClass().getName() + (e.getMessage() == null ? "" : ": " + e.getMessage())
                + " (after " + outcome.tries() + " tries)";
        return text.length() <= MAX_REASON ? text : text.substring(0, MAX_REASON);
    }
}
