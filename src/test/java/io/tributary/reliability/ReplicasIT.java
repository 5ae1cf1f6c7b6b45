package io.tributary.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tributary.artemis.ArtemisConnections;
import io.tributary.eventstream.Cursor;
import io.tributary.eventstream.Event;
import io.tributary.eventstream.EventStream;
import io.tributary.eventstream.Retention;
import io.tributary.eventstream.StreamIdentity;
import io.tributary.eventstream.jms.JmsEventStream;
import io.tributary.stream.ConsumerOptions;
import io.tributary.stream.Message;
import io.tributary.stream.Producer;
import io.tributary.stream.jms.JmsStreams;
import io.tributary.testing.ArtemisPair;
import io.tributary.testing.Deadlines;
import io.tributary.testing.TestPorts;
import it.io.tributary.LibraryArchives;
import it.io.tributary.replica.Record;
import it.io.tributary.replica.Recorder;
import it.io.tributary.replica.ReplicaLedger;
import it.io.tributary.replica.ReplicaWork;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.jboss.shrinkwrap.api.exporter.ZipExporter;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * N replicas of one application ({@link Replicas}: Open Liberty servers as processes of their own, the same
 * WAR: {@link ReplicaWork}, {@link ReplicaLedger}) on a replicated Artemis pair ({@link ArtemisPair}, failover
 * URL). Each replica records what it processed on a results stream ({@link Record}, sent and confirmed before
 * it acks) that this test reads ({@link ReplicaRecords}). The scenarios share the pair and the servers and
 * run in order; each writes sent/received/lost/duplicates and each replica's share to
 * {@code target/reliability/summary.json}. Short form: 2 replicas; {@code -Dreliability.long=true}: 3
 * replicas and five times the messages.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReplicasIT {

    private static final boolean LONG = Boolean.getBoolean("reliability.long");
    private static final int REPLICAS = LONG ? 3 : 2;
    private static final String APPLICATION = "replica";
    private static final String WORK = "replicas.work";
    private static final String PRICES = "replicas.prices";
    private static final int KEYS = 24;
    private static final int SEND_BATCH = 100;
    /** The {@code batch-size} of the application's {@code work} channel. */
    private static final int WORK_BATCH = 50;
    private static final Duration RUN_DEADLINE = Duration.ofMinutes(4);
    private static final String CONFIG = """
            mp.messaging.incoming.work.connector=tributary-jms
            mp.messaging.incoming.work.destination=queue://replicas.work
            mp.messaging.incoming.work.batch-size=%d
            mp.messaging.incoming.audit.connector=tributary-jms
            mp.messaging.incoming.audit.destination=topic://replicas.prices
            mp.messaging.incoming.audit.subscription=audit
            mp.messaging.incoming.billing.connector=tributary-jms
            mp.messaging.incoming.billing.destination=topic://replicas.prices
            mp.messaging.incoming.billing.subscription=billing
            mp.messaging.incoming.control.connector=tributary-jms
            mp.messaging.incoming.control.destination=topic://replicas.control
            mp.messaging.incoming.control.subscription=control-${replica.name}
            mp.messaging.incoming.control.durable=false
            mp.messaging.incoming.control.shared=false
            """.formatted(WORK_BATCH);

    @TempDir
    static Path archives;

    private static ArtemisPair pair;
    private static Replicas replicas;
    private static JmsStreams streams;
    private static ReplicaRecords records;

    @BeforeAll
    static void start() throws Exception {
        Path war = archives.resolve(APPLICATION + ".war");
        LibraryArchives.application(APPLICATION, CONFIG, Record.class, Recorder.class, ReplicaWork.class,
                ReplicaLedger.class).as(ZipExporter.class).exportTo(war.toFile(), true);
        pair = ArtemisPair.create("replicas", TestPorts.shifted(62284), TestPorts.shifted(62285)).start();
        replicas = Replicas.start(REPLICAS, war, APPLICATION, pair);
        streams = Connect.streams(pair, ConsumerOptions.DEFAULTS);
        records = ReplicaRecords.start(streams.consumer(Record.STREAM));
    }

    @AfterAll
    static void stop() {
        Connect.closeQuietly(records);
        Connect.closeQuietly(streams);
        Connect.closeQuietly(replicas);
        Connect.closeQuietly(pair);
    }

    /**
     * Every message published to a topic with two durable shared subscriptions ({@code audit}, {@code billing}),
     * each consumed by every replica, is processed exactly once per subscription.
     */
    @Test
    @Order(1)
    void eachMessageIsProcessedOncePerSharedSubscription() throws Exception {
        int count = LONG ? 10_000 : 2_000;
        sendAll(streams.publisher(PRICES), numbered("price", count, 1));
        for (String subscription : List.of("audit", "billing")) {
            records.await(subscription, r -> distinct(r) == count, RUN_DEADLINE, "every price processed by " + subscription);
        }
        awaitSettled(List.of(PRICES + ".audit", PRICES + ".billing"));
        for (String subscription : List.of("audit", "billing")) {
            List<ReplicaRecords.Arrival> done = records.of(subscription);
            long duplicates = done.size() - distinct(done);
            ReliabilitySummary.record("replicas-shared-subscription-" + subscription, count, distinct(done),
                    count - distinct(done), duplicates, REPLICAS + " replicas share the durable subscription " + subscription
                            + "; messages per replica " + shares(done));
            assertEquals(0, duplicates, "messages of " + subscription + " processed twice");
        }
        assertEquals(List.of(), records.strangers());
    }

    /**
     * Keyed messages ({@value #KEYS} keys, numbered per key) on a queue consumed by every replica: the load is
     * spread (every replica takes a share), each key is processed in the order it was sent across replicas,
     * and when the last replica is killed with SIGKILL in the middle of the run, the messages it held come back
     * to the others (after the connection TTL): nothing lost, at most its open batch processed twice. The
     * killed replica is started again afterwards.
     */
    @Test
    @Order(2)
    void aSharedQueueSpreadsTheLoadKeepsKeyOrderAndLosesNothingWhenAReplicaIsKilled() throws Exception {
        int count = LONG ? 30_000 : 6_000;
        int victim = REPLICAS - 1;
        String victimName = Replicas.name(victim);
        List<Message> sent = numbered("work", count, KEYS);
        CompletableFuture<Void> sending = CompletableFuture.runAsync(() -> sendAllUnchecked(streams.producer(WORK), sent));
        records.await("work", r -> distinct(r) >= count / 3 && r.stream().anyMatch(a -> a.record().replica().equals(victimName)),
                RUN_DEADLINE, "a third of the work done, some by " + victimName);
        long killedAt = System.nanoTime();
        replicas.kill(victim);
        sending.get(RUN_DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
        records.await("work", r -> distinct(r) == count, RUN_DEADLINE, "every message processed after the kill");
        awaitSettled(List.of(WORK));
        List<ReplicaRecords.Arrival> done = records.of("work");
        replicas.start(victim);

        Set<String> byVictim = done.stream().filter(a -> a.record().replica().equals(victimName))
                .map(a -> a.record().id()).collect(Collectors.toSet());
        Optional<ReplicaRecords.Arrival> firstRedelivered = done.stream().filter(a -> a.nanos() > killedAt
                && !a.record().replica().equals(victimName) && byVictim.contains(a.record().id())).findFirst();
        long duplicates = done.size() - distinct(done);
        long outOfOrder = outOfKeyOrder(done);
        Map<String, Long> shares = shares(firstTimes(done));
        Map<String, Long> beforeKill = shares(firstTimes(done).stream().filter(a -> a.nanos() < killedAt).toList());
        ReliabilitySummary.record("replicas-shared-queue-kill", count, distinct(done), count - distinct(done), duplicates,
                REPLICAS + " replicas; " + victimName + " killed with SIGKILL after a third; first-time shares before the kill "
                        + beforeKill + ", in all " + shares
                        + "; processed again after the kill: " + duplicates + firstRedelivered.map(a -> ", the first "
                        + (a.nanos() - killedAt) / 1_000_000 + " ms after the kill").orElse("")
                        + "; " + outOfOrder + " out of key order; connection TTL 4 s");
        assertEquals(REPLICAS, shares.size(), "every replica took a share of the queue: " + shares);
        assertEquals(0, outOfOrder, "messages of a key processed out of the order they were sent");
        assertTrue(duplicates <= WORK_BATCH, duplicates + " processed twice: more than the killed replica's open batch");
        assertEquals(List.of(), records.strangers());
    }

    /**
     * Every replica appends numbered events to one event stream at once; the replica that owns its sequencer
     * (replica 0, the first to open the exclusive intake queue) is killed with SIGKILL after the others have
     * appended a third of theirs. Another replica's sequencer takes over: the others' events are all
     * sequenced (each replica reads its last one back), the stream has dense offsets, each replica's events
     * appear once each, in the order it appended them, and no append the killed replica saw confirmed is lost.
     */
    @Test
    @Order(3)
    void eventStreamAppendsFromEveryReplicaGetOneOrderAndTheSequencerFailsOver() throws Exception {
        int perReplica = LONG ? 10_000 : 2_000;
        String owner = Replicas.name(0);
        streams.publisher("replicas.control").send(Message.ofText(Integer.toString(perReplica)))
                .toCompletableFuture().get(30, TimeUnit.SECONDS);
        records.await("appended", r -> appended(r, Replicas.name(1)) >= perReplica / 3 && appended(r, owner) > 0,
                RUN_DEADLINE, "a third of replica-1's appends confirmed");
        replicas.kill(0);
        for (int i = 1; i < REPLICAS; i++) {
            String survivor = Replicas.name(i);
            records.await("sequenced", r -> r.stream().anyMatch(a -> a.record().replica().equals(survivor)), RUN_DEADLINE,
                    survivor + " reads its last event back (sequenced by a sequencer of a surviving replica)");
        }
        long ownerConfirmed = appended(records.of("appended"), owner);
        List<Event> events = readAll();
        Map<String, List<Long>> numbers = new TreeMap<>();
        long misplaced = 0;
        for (int i = 0; i < events.size(); i++) {
            String[] text = events.get(i).text().split(":");
            numbers.computeIfAbsent(text[0], r -> new ArrayList<>()).add(Long.parseLong(text[1]));
            misplaced += events.get(i).offset() == i ? 0 : 1;
        }
        Map<String, Long> counts = new TreeMap<>();
        long notInAppendOrder = 0;
        for (Map.Entry<String, List<Long>> e : numbers.entrySet()) {
            counts.put(e.getKey(), (long) e.getValue().size());
            for (int j = 0; j < e.getValue().size(); j++) {
                notInAppendOrder += e.getValue().get(j) == j ? 0 : 1;
            }
        }
        long confirmed = (REPLICAS - 1L) * perReplica + ownerConfirmed;
        long lost = (REPLICAS - 1L) * perReplica - counts.entrySet().stream().filter(e -> !e.getKey().equals(owner))
                .mapToLong(Map.Entry::getValue).sum() + Math.max(0, ownerConfirmed - counts.getOrDefault(owner, 0L));
        ReliabilitySummary.record("replicas-event-stream-sequencer-kill", confirmed, events.size(), lost,
                notInAppendOrder, REPLICAS + " replicas append " + perReplica + " events each; the sequencer's owner "
                        + owner + " killed with SIGKILL after it had " + ownerConfirmed + " confirmed; events per replica "
                        + counts + "; " + misplaced + " events not at their offset; " + notInAppendOrder
                        + " out of append order or repeated");
        assertEquals(0, misplaced, "offsets dense from 0, one total order");
        assertEquals(0, notInAppendOrder, "each replica's events once each, in the order it appended them: " + counts);
        assertEquals(0, lost, "confirmed appends missing: " + counts);
        for (int i = 1; i < REPLICAS; i++) {
            assertEquals(perReplica, counts.getOrDefault(Replicas.name(i), 0L).longValue(), "every event of " + Replicas.name(i));
        }
    }

    private static List<Event> readAll() {
        List<Event> events = new ArrayList<>();
        try (EventStream ledger = new JmsEventStream(ArtemisConnections.connectionFactory(pair.url(), pair.user(),
                pair.password()), new StreamIdentity(ReplicaLedger.OWNER, ReplicaLedger.NAME), Set.of(ReplicaLedger.TYPE),
                Retention.ofCount(100_000));
             Cursor cursor = ledger.open(0, Set.of(ReplicaLedger.TYPE))) {
            for (Optional<Event> next = cursor.next(Duration.ofSeconds(5)); next.isPresent();
                    next = cursor.next(Duration.ofSeconds(5))) {
                events.add(next.get());
            }
        }
        return events;
    }

    /** Messages {@code prefix-i} numbered per key (the text), with {@code keys} keys, or none if {@code keys} is 1. */
    private static List<Message> numbered(String prefix, int count, int keys) {
        List<Message> messages = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            Message.Builder m = Message.builder().id(prefix + "-" + i).text(Integer.toString(i / keys));
            messages.add((keys > 1 ? m.key("k" + i % keys) : m).build());
        }
        return messages;
    }

    private static void sendAll(Producer producer, List<Message> messages) throws Exception {
        for (int i = 0; i < messages.size(); i += SEND_BATCH) {
            producer.sendAll(messages.subList(i, Math.min(messages.size(), i + SEND_BATCH)))
                    .toCompletableFuture().get(30, TimeUnit.SECONDS);
        }
    }

    private static void sendAllUnchecked(Producer producer, List<Message> messages) {
        try {
            sendAll(producer, messages);
        } catch (Exception e) {
            throw new IllegalStateException("sending to " + producer.stream() + " failed", e);
        }
    }

    /** Waits until {@code queues} and the results stream are empty: every record made is read here. */
    private static void awaitSettled(List<String> queues) throws InterruptedException {
        List<String> all = new ArrayList<>(queues);
        all.add(Record.STREAM);
        Deadlines.await(() -> all.stream().allMatch(q -> streams.backlog(q) == 0), RUN_DEADLINE,
                () -> "empty: " + all.stream().map(q -> q + "=" + streams.backlog(q)).toList());
    }

    private static long distinct(List<ReplicaRecords.Arrival> arrivals) {
        return arrivals.stream().map(a -> a.record().id()).distinct().count();
    }

    private static List<ReplicaRecords.Arrival> firstTimes(List<ReplicaRecords.Arrival> arrivals) {
        Set<String> seen = new HashSet<>();
        return arrivals.stream().filter(a -> seen.add(a.record().id())).toList();
    }

    private static Map<String, Long> shares(List<ReplicaRecords.Arrival> arrivals) {
        return arrivals.stream().collect(Collectors.groupingBy(a -> a.record().replica(), TreeMap::new,
                Collectors.counting()));
    }

    private static long appended(List<ReplicaRecords.Arrival> arrivals, String replica) {
        return arrivals.stream().filter(a -> a.record().replica().equals(replica))
                .mapToLong(a -> a.record().number()).max().orElse(0);
    }

    /**
     * Messages whose first processing came after that of a later message of their key: per key, the
     * numbers in the order first processed must rise (a message processed again after a kill repeats
     * numbers already seen and does not count).
     */
    private static long outOfKeyOrder(List<ReplicaRecords.Arrival> arrivals) {
        Map<String, Long> last = new HashMap<>();
        long out = 0;
        for (ReplicaRecords.Arrival a : firstTimes(arrivals)) {
            Long before = last.put(a.record().key(), a.record().number());
            if (before != null && before >= a.record().number()) {
                out++;
            }
        }
        return out;
    }
}
