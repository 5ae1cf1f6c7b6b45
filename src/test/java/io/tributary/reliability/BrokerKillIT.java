package io.tributary.reliability;

import io.tributary.testing.TestPorts;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tributary.stream.Consumer;
import io.tributary.stream.ConsumerOptions;
import io.tributary.stream.Message;
import io.tributary.stream.Producer;
import io.tributary.stream.ProducerOptions;
import io.tributary.stream.jms.JmsStreams;
import io.tributary.testing.ArtemisProcess;
import io.tributary.testing.Deadlines;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * Scenario 1: the broker is killed with {@code kill -9} three times, at random points, while messages
 * flow producer to consumer through {@link JmsStreams} over a real Artemis process; it is restarted
 * each time. The producer resends every send that was not confirmed (same message id, so
 * {@code _AMQ_DUPL_ID} keeps a resend from being routed twice); the consumer reopens after a failure.
 * Asserts: received set == sent set, at most one in-flight batch of duplicates per kill, and no
 * message committed twice. A commit whose outcome is unknown after failover (AMQ219031) may have
 * succeeded: its messages are then not delivered again, which is why progress counts deliveries. Short form by default; {@code -Dreliability.long=true} sends 100,000.
 */
class BrokerKillIT {

    private static final int PORT = TestPorts.shifted(61766);
    private static final int KILLS = 3;
    private static final int BATCH = 100;
    private static final int WINDOW = 1_000;
    private static final Duration RUN_DEADLINE = Duration.ofMinutes(3);
    private static final Duration CONFIRM_DEADLINE = Duration.ofSeconds(60);

    private final AtomicInteger confirmed = new AtomicInteger();
    private final AtomicLong resends = new AtomicLong();
    private final AtomicLong deliveries = new AtomicLong();
    private final AtomicLong reconnects = new AtomicLong();
    private final Set<String> delivered = ConcurrentHashMap.newKeySet();
    private final Set<String> committed = ConcurrentHashMap.newKeySet();
    private final AtomicLong committedTwice = new AtomicLong();
    private volatile boolean stop;

    @Test
    void threeBrokerKillsLoseNothing() throws Exception {
        int count = Boolean.getBoolean("reliability.long") ? 100_000 : Integer.getInteger("reliability.messages", 10_000);
        String stream = "reliability.kill";
        List<Message> sent = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            sent.add(Message.builder().id("kill-" + i).text("message " + i).key("k" + (i % 16)).build());
        }
        Random random = new Random();
        List<Integer> killPoints = new ArrayList<>();
        for (int i = 0; i < KILLS; i++) {
            killPoints.add(count / 5 + random.nextInt(count * 7 / 5));
        }
        killPoints.sort(null);
        long started = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try (ArtemisProcess broker = ArtemisProcess.create("reliability-kill", PORT).start()) {
            Future<?> producing = pool.submit(() -> produce(broker, stream, sent));
            Future<?> consuming = pool.submit(() -> consume(broker, stream, count));
            for (int point : killPoints) {
                Deadlines.await(() -> progress() >= point || producing.isDone() && consuming.isDone(),
                        RUN_DEADLINE, "progress " + point + " before a kill");
                broker.kill();
                broker.start();
            }
            producing.get(RUN_DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
            consuming.get(RUN_DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
            assertNothingMore(broker, stream);
        } finally {
            stop = true;
            pool.shutdownNow();
        }
        Set<String> sentIds = new HashSet<>();
        sent.forEach(m -> sentIds.add(m.id()));
        Set<String> lost = new HashSet<>(sentIds);
        lost.removeAll(delivered);
        long duplicates = deliveries.get() - delivered.size();
        long seconds = Duration.ofNanos(System.nanoTime() - started).toSeconds();
        ReliabilitySummary.record(scenarioName(), count, delivered.size(), lost.size(), duplicates,
                KILLS + " kills at progress " + killPoints + " of " + 2 * count + "; " + resends.get()
                        + " producer resends; " + reconnects.get() + " reconnects; " + committedTwice.get()
                        + " committed twice; " + seconds + " s");
        assertEquals(Set.of(), lost, "lost messages");
        assertEquals(sentIds, new HashSet<>(delivered), "received set differs from sent set");
        assertEquals(0, committedTwice.get(), "messages committed twice: a resend was routed twice");
        assertTrue(duplicates <= (long) KILLS * BATCH,
                duplicates + " duplicates: more than one in-flight batch (" + BATCH + ") per kill");
    }

    /** The options of the producer under test. */
    protected ProducerOptions producerOptions() {
        return ProducerOptions.DEFAULTS;
    }

    /** The name of this scenario in the reliability summary. */
    protected String scenarioName() {
        return "broker-kill-9";
    }

    private int progress() {
        return confirmed.get() + delivered.size();
    }

    private Void produce(ArtemisProcess broker, String stream, List<Message> messages) throws Exception {
        JmsStreams streams = null;
        Producer producer = null;
        try {
            for (int start = 0; start < messages.size() && !stop; start += WINDOW) {
                List<Message> pending = messages.subList(start, Math.min(messages.size(), start + WINDOW));
                boolean first = true;
                while (!pending.isEmpty()) {
                    if (!first) {
                        resends.addAndGet(pending.size());
                    }
                    first = false;
                    try {
                        if (producer == null) {
                            streams = Connect.streamsRetrying(broker, ConsumerOptions.DEFAULTS);
                            producer = streams.producer(stream, producerOptions());
                        }
                        pending = sendWindow(producer, pending);
                    } catch (RuntimeException e) {
                        // the whole window is resent: duplicate detection drops what was routed already
                    }
                    if (!pending.isEmpty()) {
                        reconnects.incrementAndGet();
                        Connect.closeQuietly(streams);
                        streams = null;
                        producer = null;
                    }
                }
                confirmed.addAndGet(Math.min(WINDOW, messages.size() - start));
            }
        } finally {
            Connect.closeQuietly(streams);
        }
        return null;
    }

    /** Sends the window and returns the messages whose send was not confirmed. */
    private static List<Message> sendWindow(Producer producer, List<Message> window) throws InterruptedException {
        List<CompletableFuture<Void>> stages = new ArrayList<>(window.size());
        for (Message m : window) {
            stages.add(producer.send(m).toCompletableFuture());
        }
        long end = System.nanoTime() + CONFIRM_DEADLINE.toNanos();
        List<Message> failed = new ArrayList<>();
        for (int i = 0; i < stages.size(); i++) {
            try {
                stages.get(i).get(Math.max(1, end - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (Exception e) {
                failed.add(window.get(i));
            }
        }
        return failed;
    }

    private Void consume(ArtemisProcess broker, String stream, int count) throws Exception {
        ConsumerOptions options = ConsumerOptions.DEFAULTS.withBatchSize(BATCH).withReceiveWait(Duration.ofMillis(200));
        JmsStreams streams = null;
        Consumer consumer = null;
        try {
            while (delivered.size() < count && !stop) {
                try {
                    if (consumer == null) {
                        streams = Connect.streamsRetrying(broker, options);
                        consumer = streams.consumer(stream);
                    }
                    List<Message> batch = consumer.receive();
                    for (Message m : batch) {
                        deliveries.incrementAndGet();
                        delivered.add(m.id());
                    }
                    for (Message m : batch) {
                        consumer.ack(m);
                    }
                    for (Message m : batch) {
                        if (!committed.add(m.id())) {
                            committedTwice.incrementAndGet();
                        }
                    }
                } catch (RuntimeException e) {
                    reconnects.incrementAndGet();
                    Connect.closeQuietly(streams);
                    streams = null;
                    consumer = null;
                }
            }
        } finally {
            Connect.closeQuietly(streams);
        }
        return null;
    }

    private void assertNothingMore(ArtemisProcess broker, String stream) throws InterruptedException {
        try (JmsStreams streams = Connect.streams(broker, ConsumerOptions.DEFAULTS);
             Consumer consumer = streams.consumer(stream)) {
            List<Message> extra = consumer.receive(BATCH, Duration.ofMillis(500));
            extra.forEach(consumer::ack);
            for (Message m : extra) {
                deliveries.incrementAndGet();
                if (!committed.add(m.id())) {
                    committedTwice.incrementAndGet();
                }
            }
        }
    }
}
