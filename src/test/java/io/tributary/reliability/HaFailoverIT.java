package io.tributary.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tributary.stream.Consumer;
import io.tributary.stream.ConsumerOptions;
import io.tributary.stream.Message;
import io.tributary.stream.jms.JmsStreams;
import io.tributary.testing.ArtemisPair;
import io.tributary.testing.ArtemisProcess;
import io.tributary.testing.Deadlines;
import io.tributary.testing.TestPorts;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Tributary on a replicated Artemis HA pair ({@link ArtemisPair}: primary and backup as two real
 * processes), connected with the pair's failover URL. Every scenario uses one {@link JmsStreams} and its
 * producers and consumers from start to end: the test never resends, reconnects or reopens; the library
 * and the Artemis client must ride out each failover. Each writes sent/received/lost/duplicates to
 * {@code target/reliability/summary.json}. Short form by default (10,000 messages);
 * {@code -Dreliability.long=true} sends 100,000.
 */
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
     * Half of the messages are sent one by one (asynchronous, confirmed), half in transactions of 100; one
     * consumer takes transacted batches of 100, nacking 1 %. The active broker is killed with SIGKILL at a
     * third of the run (the backup takes over); the killed broker is restarted and becomes the new backup
     * (fail-back as configured: the roles swap); the now active broker is killed at two thirds. Nothing is
     * lost, nothing committed twice, at most one batch of duplicates per kill, no producer ever fails, and
     * readiness (the connection state) leaves CONNECTED and comes back after each kill.
     */
    @Test
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
                        + " them; client-seen failover (kill to next delivery) " + failovers + "; readiness "
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
     * Kills the active broker, restarts it as the backup (producers pause meanwhile, so that the next kill
     * still finds traffic in flight), and returns the client-seen failover time:
     * from the kill to the first batch the consumer received afterwards.
     */
    private static String killActive(FailoverTraffic traffic, ReadinessLog readiness) throws InterruptedException {
        long killedAt = System.nanoTime();
        ArtemisProcess killed = pair.killActive();
        Deadlines.await(() -> traffic.lastDeliveryNanos() > killedAt, FAILOVER_DEADLINE, "a delivery after the kill");
        Duration seen = Duration.ofNanos(traffic.lastDeliveryNanos() - killedAt);
        traffic.pause();
        try {
            pair.restart(killed);
        } finally {
            traffic.resume();
        }
        return seen.toMillis() + " ms";
    }
}
