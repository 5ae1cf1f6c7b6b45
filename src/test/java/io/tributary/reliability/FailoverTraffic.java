package io.tributary.reliability;

import io.tributary.stream.Consumer;
import io.tributary.stream.Message;
import io.tributary.stream.Producer;
import io.tributary.stream.StreamException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Producer and consumer loops of the failover scenarios, and what they saw. The loops use one
 * {@link Producer} / {@link Consumer} from start to end and never resend or reopen anything themselves:
 * whatever a failover needs, the library must do. A send whose stage fails, or a {@code sendAll} that
 * fails, is counted in {@link #producerFailures()} (the scenarios require none). The consumer acks every
 * message except the first attempt of every hundredth, which it nacks (the library sends it again after
 * the redelivery delay); a commit that fails (the batch is delivered again) is counted, and the loop
 * goes on with the same consumer.
 *
 * <p>Thread safety: one producer thread per send method and one consumer thread; counters are atomic.
 */
final class FailoverTraffic {

    /** Messages per consumer batch (and per {@code sendAll}): the bound of duplicates per failover. */
    static final int BATCH = 100;
    private static final int WINDOW = 1_000;
    private static final Duration CONFIRM_DEADLINE = Duration.ofSeconds(120);

    private final AtomicLong confirmed = new AtomicLong();
    private final AtomicLong producerFailures = new AtomicLong();
    private final AtomicLong deliveries = new AtomicLong();
    private final AtomicLong nackedAndCommitted = new AtomicLong();
    private final AtomicLong failedCommits = new AtomicLong();
    private final AtomicLong failedReceives = new AtomicLong();
    private final AtomicLong committedTwice = new AtomicLong();
    private final AtomicLong lastCommitNanos = new AtomicLong(System.nanoTime());
    private final Set<String> delivered = ConcurrentHashMap.newKeySet();
    private final Set<String> committed = ConcurrentHashMap.newKeySet();
    private final AtomicReference<String> firstProducerFailure = new AtomicReference<>("none");
    private volatile boolean stop;
    private volatile boolean paused;

    /** {@code count} messages with ids {@code prefix-i} and 16 keys. */
    static List<Message> messages(String prefix, int count) {
        List<Message> messages = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            messages.add(Message.builder().id(prefix + "-" + i).text("message " + i).key("k" + (i % 16)).build());
        }
        return messages;
    }

    /** Sends {@code messages} asynchronously, {@value #WINDOW} unconfirmed at most, waiting for each window. */
    Void sendEach(Producer producer, List<Message> messages) throws InterruptedException {
        for (int start = 0; start < messages.size() && !stop; start += WINDOW) {
            awaitResumed();
            List<Message> window = messages.subList(start, Math.min(messages.size(), start + WINDOW));
            List<CompletableFuture<Void>> stages = new ArrayList<>(window.size());
            for (Message m : window) {
                stages.add(producer.send(m).toCompletableFuture());
            }
            long end = System.nanoTime() + CONFIRM_DEADLINE.toNanos();
            for (CompletableFuture<Void> stage : stages) {
                awaitConfirmation(stage, end);
            }
        }
        return null;
    }

    /** Sends {@code messages} in transactions of {@value #BATCH} ({@code sendAll}). */
    Void sendBatches(Producer producer, List<Message> messages) throws InterruptedException {
        for (int start = 0; start < messages.size() && !stop; start += BATCH) {
            awaitResumed();
            List<Message> batch = messages.subList(start, Math.min(messages.size(), start + BATCH));
            try {
                if (awaitConfirmation(producer.sendAll(batch).toCompletableFuture(),
                        System.nanoTime() + CONFIRM_DEADLINE.toNanos())) {
                    confirmed.addAndGet(batch.size() - 1L);
                }
            } catch (StreamException e) {
                producerFailed(e);
            }
        }
        return null;
    }

    /**
     * Receives, settles and commits until {@code count} distinct messages were received. (A commit whose
     * outcome is unknown after a failover, AMQ219031, may have succeeded: its messages are then not
     * delivered again, so progress is counted in deliveries, not commits.)
     */
    Void consume(Consumer consumer, int count) throws InterruptedException {
        while (delivered.size() < count && !stop) {
            List<Message> batch;
            try {
                batch = consumer.receive();
            } catch (StreamException e) {
                failedReceives.incrementAndGet();
                continue;
            }
            settle(consumer, batch);
        }
        return null;
    }

    /**
     * Receives and settles until nothing came for {@code quiet}: the copies of the last nacks, and
     * anything else, which counts as a duplicate.
     */
    void drain(Consumer consumer, Duration quiet) throws InterruptedException {
        List<Message> batch;
        do {
            batch = consumer.receive(BATCH, quiet);
            settle(consumer, batch);
        } while (!batch.isEmpty());
    }

    private void settle(Consumer consumer, List<Message> batch) {
        if (batch.isEmpty()) {
            return;
        }
        List<String> acked = new ArrayList<>(batch.size());
        int nacked = 0;
        try {
            for (Message m : batch) {
                deliveries.incrementAndGet();
                delivered.add(m.id());
                if (m.deliveryAttempt() == 1 && m.id().hashCode() % 100 == 0) {
                    nacked++;
                    consumer.nack(m, "one in a hundred is refused once");
                } else {
                    acked.add(m.id());
                    consumer.ack(m);
                }
            }
        } catch (StreamException e) {
            failedCommits.incrementAndGet();
            return;
        }
        lastCommitNanos.set(System.nanoTime());
        nackedAndCommitted.addAndGet(nacked);
        for (String id : acked) {
            if (!committed.add(id)) {
                committedTwice.incrementAndGet();
            }
        }
    }

    /** Whether {@code stage} completed normally before {@code end}; counts it either way. */
    private boolean awaitConfirmation(CompletableFuture<Void> stage, long end) throws InterruptedException {
        try {
            stage.get(Math.max(1, end - System.nanoTime()), TimeUnit.NANOSECONDS);
            confirmed.incrementAndGet();
            return true;
        } catch (ExecutionException | TimeoutException e) {
            producerFailed(e);
            return false;
        }
    }

    private void producerFailed(Exception e) {
        producerFailures.incrementAndGet();
        firstProducerFailure.compareAndSet("none", String.valueOf(e));
    }

    private void awaitResumed() throws InterruptedException {
        while (paused && !stop) {
            Thread.sleep(10);
        }
    }

    /** Producers wait before their next window or batch until {@link #resume}; the consumer goes on. */
    void pause() {
        paused = true;
    }

    /** Lets producers go on. */
    void resume() {
        paused = false;
    }

    /** Stops the loops at their next turn. */
    void stop() {
        stop = true;
    }

    /** Messages confirmed to producers plus messages delivered: what a kill point is measured in. */
    long progress() {
        return confirmed.get() + delivered.size();
    }

    /** When the consumer last committed a batch ({@link System#nanoTime()}). */
    long lastCommitNanos() {
        return lastCommitNanos.get();
    }

    /** The ids of {@code sent} that no consumer ever received. */
    Set<String> lost(List<Message> sent) {
        Set<String> lost = new HashSet<>();
        sent.forEach(m -> lost.add(m.id()));
        lost.removeAll(delivered);
        return lost;
    }

    /** Distinct messages received. */
    long received() {
        return delivered.size();
    }

    /** Deliveries beyond the first of each message, less the redeliveries that committed nacks asked for. */
    long duplicates() {
        return deliveries.get() - delivered.size() - nackedAndCommitted.get();
    }

    long producerFailures() {
        return producerFailures.get();
    }

    long committedTwice() {
        return committedTwice.get();
    }

    /** Counters for the summary's notes. */
    String notes() {
        return producerFailures.get() + " producer failures (first: " + firstProducerFailure.get() + "); " + failedCommits.get() + " consumer commits failed"
                + " (batch delivered again); " + failedReceives.get() + " receives failed; " + nackedAndCommitted.get()
                + " nacks committed; " + committedTwice.get() + " committed twice";
    }
}
