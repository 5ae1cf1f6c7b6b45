package io.tributary.reliability;

import static io.tributary.eventstream.EventStreamConformance.TYPES;
import static io.tributary.eventstream.EventStreamConformance.appendNumbered;
import static io.tributary.eventstream.EventStreamConformance.read;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tributary.artemis.ArtemisConnections;
import io.tributary.eventstream.Event;
import io.tributary.eventstream.EventStream;
import io.tributary.eventstream.Retention;
import io.tributary.eventstream.StreamIdentity;
import io.tributary.eventstream.jms.JmsEventStream;
import io.tributary.stream.Consumer;
import io.tributary.stream.ConsumerOptions;
import io.tributary.stream.Message;
import io.tributary.stream.ProducerOptions;
import io.tributary.stream.jms.JmsStreams;
import io.tributary.testing.ArtemisPair;
import io.tributary.testing.ArtemisProcess;
import io.tributary.testing.Deadlines;
import io.tributary.testing.TestPorts;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Tributary on a replicated Artemis HA pair ({@link ArtemisPair}: primary and backup as two real
 * processes), connected with the pair's failover URL. Every scenario uses one {@link JmsStreams} and its
 * producers and consumers from start to end: the test never resends, reconnects or reopens; the library
 * and the Artemis client must ride out each failover. The scenarios share one pair and run in order;
 * each leaves both brokers running (the killed one restarted as the backup). Each writes sent/received/lost/duplicates to
 * {@code target/reliability/summary.json}. Short form by default (10,000 messages);
 * {@code -Dreliability.long=true} sends 100,000.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HaFailoverIT {

    private static final Duration RUN_DEADLINE = Duration.ofMinutes(2);
    private static final Duration FAILOVER_DEADLINE = Duration.ofSeconds(60);
    private static final ConsumerOptions CONSUMER = ConsumerOptions.DEFAULTS
            .withBatchSize(FailoverTraffic.BATCH).withReceiveWait(Duration.ofMillis(200));

    private static ArtemisPair pair;

    @BeforeAll
    static void startPair() {
        pair = ArtemisPair.create("ha-failover", TestPorts.shifted(61902), TestPorts.shifted(61903)).start();
    }

    @AfterAll
    static void stopPair() {
        if (pair != null) {
            pair.close();
        }
    }

    /**
     * The primary is down when the application starts (the backup took over): the first connect goes
     * through the failover URL's list to the backup, and 1,000 messages go through. The primary then
     * comes back as the new backup.
     */
    @Test
    @Order(1)
    void applicationStartsWhileThePrimaryIsDown() throws Exception {
        ArtemisProcess killed = pair.killActive();
        assertSame(pair.primary(), killed, "the primary, first in the URL, is down");
        List<Message> sent = FailoverTraffic.messages("ha-initial", 1_000);
        FailoverTraffic traffic = new FailoverTraffic();
        try (JmsStreams streams = Connect.streams(pair, CONSUMER);
             Consumer consumer = streams.consumer("reliability.ha.initial")) {
            traffic.sendBatches(streams.producer("reliability.ha.initial"), sent);
            traffic.consume(consumer, sent.size());
            traffic.drain(consumer, Duration.ofSeconds(2));
        }
        pair.restart(killed);
        Set<String> lost = traffic.lost(sent);
        ReliabilitySummary.record("ha-initial-connect", sent.size(), traffic.received(), lost.size(),
                traffic.duplicates(), "application started while the primary was down; " + traffic.notes());
        assertEquals(Set.of(), lost, "lost messages");
        assertEquals(0, traffic.duplicates(), "duplicates without a failover");
        assertEquals(0, traffic.producerFailures(), traffic.notes());
    }

    /**
     * One instance appends numbered events in batches of 10 while a cursor reads from offset 0; the
     * active broker is killed after a third of them. Every event is at the offset of its number: dense
     * offsets, one total order, no gap, no duplicate; the cursor that was open across the failover saw
     * exactly the same sequence.
     */
    @Test
    @Order(2)
    void eventStreamKeepsDenseOffsetsAcrossAFailover() throws Exception {
        int count = Boolean.getBoolean("reliability.long") ? 20_000 : 2_000;
        ExecutorService pool = Executors.newFixedThreadPool(2);
        AtomicInteger appended = new AtomicInteger();
        ArtemisProcess killed;
        List<Event> all;
        List<Event> live = Collections.synchronizedList(new ArrayList<>());
        try (EventStream ledger = new JmsEventStream(ArtemisConnections.connectionFactory(pair.url(), pair.user(),
                pair.password()), new StreamIdentity("ha", "ledger-" + System.nanoTime()), TYPES,
                Retention.ofCount(1_000_000))) {
            Future<?> appending = pool.submit(() -> {
                for (int i = 0; i < count; i += 10) {
                    appendNumbered(ledger, i, i + 10);
                    appended.addAndGet(10);
                }
                return null;
            });
            Future<?> reading = pool.submit(() -> live.addAll(read(ledger, 0, count, TYPES)));
            Deadlines.await(() -> appended.get() >= count / 3, RUN_DEADLINE, "a third of the events appended");
            killed = pair.killActive();
            appending.get(RUN_DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
            reading.get(RUN_DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
            all = read(ledger, 0, count, TYPES);
        } finally {
            pool.shutdownNow();
        }
        pair.restart(killed);
        long misplaced = 0;
        for (int i = 0; i < all.size(); i++) {
            if (all.get(i).offset() != i || !all.get(i).text().equals("e" + i)) {
                misplaced++;
            }
        }
        ReliabilitySummary.record("ha-event-stream", count, all.size(), count - all.size(), 0,
                "event stream appends and a cursor across a kill of the active broker; " + misplaced
                        + " events not at the offset of their number");
        assertEquals(0, misplaced, "every event at the offset of its number (dense, one order, no gap or duplicate)");
        assertEquals(all, live, "the cursor open across the failover saw the same events");
    }

    /**
     * Half of the messages are sent one by one (asynchronous, confirmed), half in transactions of 100; one
     * consumer takes transacted batches of 100, nacking 1 %. The active broker is killed with SIGKILL at a
     * third of the run (the backup takes over); the killed broker is restarted and becomes the new backup
     * (fail-back as configured: the roles swap); the now active broker is killed at two thirds. Nothing is
     * lost, nothing committed twice, at most one batch of duplicates per kill, no producer ever fails, and
     * readiness (the connection state) leaves CONNECTED and comes back after each kill.
     */
    @Test
    @Order(3)
    void twoKillsOfTheActiveBrokerLoseNothing() throws Exception {
        int count = Boolean.getBoolean("reliability.long") ? 100_000 : Integer.getInteger("reliability.messages", 10_000);
        List<Message> sent = FailoverTraffic.messages("ha", count);
        FailoverTraffic traffic = new FailoverTraffic();
        ReadinessLog readiness;
        long left;
        List<String> failovers = new ArrayList<>();
        long started = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try (JmsStreams streams = Connect.streams(pair, CONSUMER);
             Consumer consumer = streams.consumer("reliability.ha")) {
            readiness = new ReadinessLog(streams);
            Future<?> each = pool.submit(() -> traffic.sendEach(streams.producer("reliability.ha"),
                    sent.subList(0, count / 2)));
            Future<?> batches = pool.submit(() -> traffic.sendBatches(streams.producer("reliability.ha"),
                    sent.subList(count / 2, count)));
            Future<?> consuming = pool.submit(() -> traffic.consume(consumer, count));
            for (int kill = 1; kill <= 2; kill++) {
                long point = 2L * count * kill / 3;
                Deadlines.await(() -> traffic.progress() >= point, RUN_DEADLINE, "progress " + point + " before kill " + kill);
                failovers.add(killActive(traffic, readiness));
            }
            each.get(RUN_DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
            batches.get(RUN_DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
            try {
                consuming.get(RUN_DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                traffic.stop();
                consuming.get(RUN_DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
            }
            traffic.drain(consumer, Duration.ofSeconds(3));
            readiness.close();
            left = streams.backlog("reliability.ha");
        } finally {
            traffic.stop();
            pool.shutdownNow();
        }
        Set<String> lost = traffic.lost(sent);
        ReliabilitySummary.record("ha-failover-failback", count, traffic.received(), lost.size(), traffic.duplicates(),
                "2 kills of the active broker of a replicated pair, the killed one restarted as the new backup between"
                        + " them; client-seen failover times " + failovers + "; readiness "
                        + readiness.transitions() + "; " + traffic.notes() + "; " + left + " left on the queue; "
                        + Duration.ofNanos(System.nanoTime() - started).toSeconds() + " s");
        assertEquals(Set.of(), lost, "lost messages (" + left + " left on the queue)");
        assertEquals(0, left, "messages left on the queue");
        assertEquals(0, traffic.committedTwice(), "messages committed twice");
        assertEquals(0, traffic.producerFailures(), "producers gave up on sends: " + traffic.notes());
        assertTrue(traffic.duplicates() <= 2L * FailoverTraffic.BATCH,
                traffic.duplicates() + " duplicates: more than one batch per kill");
        assertEquals(2, readiness.outages(), "readiness must go DOWN and UP once per kill: " + readiness.transitions());
    }

    /**
     * A producer whose send timeout (1 ms) is far shorter than any failover sends transactions of 100 without
     * pause while the active broker is killed: the batch the kill interrupts is resent until the confirm timeout
     * after it began (not the send timeout, which bounds only the wait for an in-flight slot), so no batch fails
     * and nothing is lost.
     */
    @Test
    @Order(4)
    void aBatchAFailoverInterruptedIsResentWhateverTheSendTimeout() throws Exception {
        List<Message> sent = FailoverTraffic.messages("ha-window", 3_000);
        FailoverTraffic traffic = new FailoverTraffic();
        ProducerOptions tight = ProducerOptions.DEFAULTS.withSendTimeout(Duration.ofMillis(1));
        ExecutorService pool = Executors.newFixedThreadPool(1);
        ArtemisProcess killed;
        try (JmsStreams streams = Connect.streams(pair, CONSUMER);
             Consumer consumer = streams.consumer("reliability.ha.window")) {
            Future<?> batches = pool.submit(() -> traffic.sendBatches(streams.producer("reliability.ha.window", tight),
                    sent));
            Deadlines.await(() -> traffic.progress() >= sent.size() / 3, RUN_DEADLINE, "a third of the batches sent");
            killed = pair.killActive();
            batches.get(RUN_DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
            traffic.consume(consumer, sent.size());
            traffic.drain(consumer, Duration.ofSeconds(2));
        } finally {
            traffic.stop();
            pool.shutdownNow();
        }
        pair.restart(killed);
        Set<String> lost = traffic.lost(sent);
        ReliabilitySummary.record("ha-batch-resend-window", sent.size(), traffic.received(), lost.size(),
                traffic.duplicates(), "transactions of 100 from a producer with a 1 ms send timeout across a kill of"
                        + " the active broker; " + traffic.notes());
        assertEquals(0, traffic.producerFailures(), "batches failed: " + traffic.notes());
        assertEquals(Set.of(), lost, "lost messages");
    }

    /**
     * Kills the active broker, restarts it as the backup (producers pause meanwhile, so that the next kill
     * still finds traffic in flight), and returns the failover times the client saw: from the kill until
     * the connection was restored (readiness UP again), and until the consumer's first commit after that.
     */
    private static String killActive(FailoverTraffic traffic, ReadinessLog readiness) throws InterruptedException {
        long killedAt = System.nanoTime();
        ArtemisProcess killed = pair.killActive();
        Deadlines.await(() -> readiness.restoredNanos() > killedAt, FAILOVER_DEADLINE, "the connection restored");
        long restored = readiness.restoredNanos();
        Deadlines.await(() -> traffic.lastCommitNanos() > restored, FAILOVER_DEADLINE, "a commit after the failover");
        String seen = "restored after " + (restored - killedAt) / 1_000_000 + " ms, first commit after "
                + (traffic.lastCommitNanos() - killedAt) / 1_000_000 + " ms";
        traffic.pause();
        try {
            pair.restart(killed);
        } finally {
            traffic.resume();
        }
        return seen;
    }
}
