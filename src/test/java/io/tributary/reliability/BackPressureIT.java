package io.tributary.reliability;

import io.tributary.testing.TestPorts;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tributary.artemis.ArtemisConnections;
import io.tributary.stream.Consumer;
import io.tributary.stream.ConsumerOptions;
import io.tributary.stream.Message;
import io.tributary.stream.Producer;
import io.tributary.stream.ProducerOptions;
import io.tributary.stream.jms.JmsStreams;
import io.tributary.testing.ArtemisProcess;
import io.tributary.testing.Deadlines;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * Scenario 5: back-pressure. The stream's address is limited to 10 MiB of messages in the broker's
 * memory; about 39 MiB are sent with no consumer running. Under {@code BLOCK} the broker withholds
 * producer credits: the producer's send blocks (seen in its stack, inside the Artemis client's credit
 * wait) once the address is over its limit by at most the producer's window, nothing is refused. Under {@code PAGE} every send is confirmed and the broker writes page files.
 * Then a consumer drains the stream. Asserts: every send confirmed (none failed), received set == sent
 * set, no duplicates, the producer's unconfirmed messages never above its window, batches never above
 * the batch size, and the client's heap after GC grows by less than half of what was sent.
 */
class BackPressureIT {

    private static final int PORT_BLOCK = TestPorts.shifted(62200);
    private static final int PORT_PAGE = TestPorts.shifted(62201);
    private static final long LIMIT = 10L << 20;
    private static final int BODY = 10 * 1024;
    private static final int COUNT = 4_000;
    private static final int WINDOW = 200;
    private static final int BATCH = 100;
    private static final Duration DEADLINE = Duration.ofMinutes(3);

    private final Set<String> sent = ConcurrentHashMap.newKeySet();
    private final AtomicInteger dispatched = new AtomicInteger();
    private final AtomicInteger confirmed = new AtomicInteger();
    private final AtomicInteger failed = new AtomicInteger();
    private final AtomicInteger maxUnconfirmed = new AtomicInteger();
    private final AtomicReference<Throwable> firstFailure = new AtomicReference<>();

    @Test
    void underBlockTheProducerWaitsAndNothingIsLostOrFailed() throws Exception {
        run("BLOCK", PORT_BLOCK);
    }

    @Test
    void underPageTheBrokerPagesAndAConsumerDrainsEverything() throws Exception {
        run("PAGE", PORT_PAGE);
    }

    private void run(String policy, int port) throws Exception {
        String stream = "reliability.backpressure." + policy.toLowerCase();
        ProducerOptions producerOptions = ProducerOptions.DEFAULTS.withMaxInFlight(WINDOW)
                .withSendTimeout(Duration.ofMinutes(2));
        ConsumerOptions consumerOptions = ConsumerOptions.DEFAULTS.withBatchSize(BATCH)
                .withReceiveWait(Duration.ofMillis(200));
        long baseline = Heap.usedAfterGc();
        String observed;
        long peak;
        Set<String> received = new HashSet<>();
        long deliveries = 0;
        int largestBatch = 0;
        try (ArtemisProcess broker = ArtemisProcess.create("reliability-backpressure-" + policy.toLowerCase(), port)
                .limitAddress(stream, LIMIT, policy).start();
             JmsStreams producing = streams(broker, producerOptions, consumerOptions);
             JmsStreams consuming = streams(broker, producerOptions, consumerOptions);
             Producer producer = producing.producer(stream);
             AddressState address = new AddressState(ArtemisConnections.connectionFactory(broker.url(),
                     broker.user(), broker.password()), stream)) {
            Thread sender = new Thread(() -> produce(producer), "backpressure-producer");
            CompletableFuture<Void> done = new CompletableFuture<>();
            sender.setUncaughtExceptionHandler((t, e) -> done.completeExceptionally(e));
            Thread watcher = new Thread(() -> {
                try {
                    sender.join();
                    done.complete(null);
                } catch (InterruptedException e) {
                    done.completeExceptionally(e);
                }
            });
            sender.start();
            watcher.start();
            try {
                if (policy.equals("BLOCK")) {
                    Deadlines.await(() -> blockedByFlowControl(sender) && full(address), DEADLINE,
                            "the producer blocked by the broker's flow control on a full address");
                    peak = Heap.usedAfterGc();
                    int atBlock = confirmed.get();
                    long size = address.size();
                    long slack = ArtemisConnections.DEFAULT_PRODUCER_WINDOW_BYTES + (1 << 20);
                    assertTrue((long) atBlock * BODY <= LIMIT + slack, "the broker confirmed " + atBlock
                            + " messages of " + BODY + " bytes, more than its limit of " + LIMIT + " and the"
                            + " producer's window of " + ArtemisConnections.DEFAULT_PRODUCER_WINDOW_BYTES);
                    observed = "producer blocked in the broker's flow control after " + atBlock + " confirmed ("
                            + Heap.mib((long) atBlock * BODY) + " of bodies; address size " + Heap.mib(size)
                            + ", limit " + Heap.mib(LIMIT) + ")";
                } else {
                    done.get(DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
                    peak = Heap.usedAfterGc();
                    long pages = broker.pageFiles(stream);
                    assertTrue(address.paging(), "the broker does not page " + stream);
                    assertTrue(pages > 0, "no page files for " + stream + " although " + COUNT + " x " + BODY
                            + " bytes were sent to an address limited to " + LIMIT);
                    observed = "every send confirmed with no consumer; " + pages + " page files written";
                }
                try (Consumer consumer = consuming.consumer(stream)) {
                    long end = System.nanoTime() + DEADLINE.toNanos();
                    while (received.size() < COUNT && System.nanoTime() < end) {
                        List<Message> batch = consumer.receive();
                        largestBatch = Math.max(largestBatch, batch.size());
                        for (Message m : batch) {
                            deliveries++;
                            received.add(m.id());
                            consumer.ack(m);
                        }
                    }
                }
                done.get(DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
                producer.flush(DEADLINE);
            } finally {
                sender.interrupt();
            }
        }
        Set<String> lost = new HashSet<>(sent);
        lost.removeAll(received);
        long duplicates = deliveries - received.size();
        long growth = peak - baseline;
        ReliabilitySummary.record("backpressure-" + policy.toLowerCase(), COUNT, received.size(), lost.size(),
                duplicates, observed + "; " + failed.get() + " sends failed; max unconfirmed " + maxUnconfirmed.get()
                        + " (window " + WINDOW + "); largest batch " + largestBatch + " (batch size " + BATCH
                        + "); client heap after GC grew " + Heap.mib(growth) + " while " + Heap.mib((long) COUNT * BODY)
                        + " were sent" + (firstFailure.get() == null ? "" : "; first failure: " + firstFailure.get()));
        assertEquals(0, failed.get(), "sends failed: " + firstFailure.get());
        assertEquals(COUNT, confirmed.get(), "confirmed sends");
        assertEquals(Set.of(), lost, "lost messages");
        assertEquals(0, duplicates, "duplicates");
        // the producer frees a slot just before the stage completes, so the count here may lag by one
        assertTrue(maxUnconfirmed.get() <= WINDOW + 1, "unconfirmed " + maxUnconfirmed.get() + " above the window " + WINDOW);
        assertTrue(largestBatch <= BATCH, "batch of " + largestBatch + " above " + BATCH);
        assertTrue(growth < (long) COUNT * BODY / 2, "client heap grew by " + Heap.mib(growth));
    }

    private static JmsStreams streams(ArtemisProcess broker, ProducerOptions producerOptions,
            ConsumerOptions consumerOptions) {
        return new JmsStreams(ArtemisConnections.connectionFactory(broker.url(), broker.user(), broker.password()),
                producerOptions, consumerOptions, Connect.DLQ_SUFFIX);
    }

    private void produce(Producer producer) {
        byte[] body = new byte[BODY];
        try {
            for (int i = 0; i < COUNT; i++) {
                Arrays.fill(body, (byte) i);
                Message m = Message.builder().id("bp-" + i).value(body).build();
                sent.add(m.id());
                int sentSoFar = dispatched.incrementAndGet();
                producer.send(m).whenComplete((v, e) -> {
                    if (e == null) {
                        confirmed.incrementAndGet();
                    } else {
                        failed.incrementAndGet();
                        firstFailure.compareAndSet(null, e);
                    }
                });
                int unconfirmed = sentSoFar - confirmed.get() - failed.get();
                maxUnconfirmed.accumulateAndGet(unconfirmed, Math::max);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Whether the broker holds the address's limit or more in memory. */
    private static boolean full(AddressState address) {
        try {
            return address.size() >= LIMIT;
        } catch (Exception e) {
            throw new AssertionError("cannot read the address size", e);
        }
    }

    /** Whether {@code sender} waits inside the Artemis client for producer credits the broker withholds. */
    private static boolean blockedByFlowControl(Thread sender) {
        return Arrays.stream(sender.getStackTrace()).anyMatch(f -> f.getClassName().contains("ProducerCredits"));
    }
}
