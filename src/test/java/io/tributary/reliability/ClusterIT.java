package io.tributary.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tributary.artemis.ArtemisConnections;
import io.tributary.stream.Consumer;
import io.tributary.stream.ConsumerOptions;
import io.tributary.stream.Message;
import io.tributary.stream.ProducerOptions;
import io.tributary.stream.StreamException;
import io.tributary.stream.jms.JmsStreams;
import io.tributary.testing.ArtemisCluster;
import io.tributary.testing.Deadlines;
import io.tributary.testing.TestPorts;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * Tributary on a two-node symmetric Artemis cluster ({@link ArtemisCluster}: static connectors,
 * {@code ON_DEMAND} load balancing, redistribution, clustered grouping). Each node has one producer (keys
 * k0-k7 through node 0, k8-k15 through node 1, numbered per key); two consumers of the same stream, one on
 * each node or both on node 1. Each scenario starts a fresh cluster.
 * Checked: every message is received (at least once), every key is consumed by one consumer only and in
 * the order it was sent. A third scenario kills node 1 with SIGKILL mid-stream and restarts it: what was on
 * it comes back, nothing is lost, and each key's messages are first processed in the order they were sent. Writes sent/received/lost/duplicates and each consumer's share to
 * {@code target/reliability/summary.json}. 10,000 messages; {@code -Dreliability.long=true} 100,000.
 */
class ClusterIT {

    private static final int KEYS = 16;
    private static final Duration RUN_DEADLINE = Duration.ofMinutes(3);
    private static final String STREAM = "reliability.cluster";

    private final Map<String, Set<Integer>> consumersOfKey = new ConcurrentHashMap<>();
    private final Map<Integer, Map<String, List<Integer>>> seen = new ConcurrentHashMap<>();
    private final Set<String> delivered = ConcurrentHashMap.newKeySet();
    private final AtomicLong deliveries = new AtomicLong();
    private final AtomicLong failedCommits = new AtomicLong();
    private final Map<String, List<Integer>> firstSeen = new ConcurrentHashMap<>();

    /** A consumer on each node: each key is pinned to one of them. */
    @Test
    void perKeyOrderAndAtLeastOnceWithAConsumerOnEachNode() throws Exception {
        run("cluster-2-nodes", 0, 1);
    }

    /** Both consumers on node 1: the messages sent through node 0 cross the cluster bridge. */
    @Test
    void perKeyOrderAndAtLeastOnceAcrossTheClusterBridge() throws Exception {
        run("cluster-2-nodes-bridged", 1, 1);
    }

    /**
     * A consumer on each node, producers sending transactions of 100 ({@code sendAll}); node 1 (the one with
     * the REMOTE grouping handler) is killed with SIGKILL after a third of the messages were received and
     * started again at once. The messages on it (in its journal, and those node 0 held for it in the
     * cluster bridge's store-and-forward queue) come back when it restarts; the producer on node 1 resends
     * what the kill interrupted (sendTimeout 2 min); the consumer there gets its open batch again. Nothing
     * is lost, and per key the messages are first processed in the order they were sent (a message
     * processed again after the kill repeats a number already seen).
     */
    @Test
    void nothingIsLostAndKeysStayInOrderWhenANodeIsKilledAndRestarts() throws Exception {
        int count = count();
        FailoverTraffic producers = new FailoverTraffic();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        String restarted;
        try (ArtemisCluster cluster = cluster();
             JmsStreams node0 = streams(cluster, 0);
             JmsStreams node1 = streams(cluster, 1)) {
            List<JmsStreams> nodes = List.of(node0, node1);
            List<Future<?>> running = new ArrayList<>();
            for (int n = 0; n < 2; n++) {
                Consumer consumer = nodes.get(n).consumer(STREAM);
                int id = n;
                running.add(pool.submit(() -> consume(id, consumer, count)));
            }
            List<List<Message>> perNode = perNode(count);
            for (int n = 0; n < 2; n++) {
                List<Message> messages = perNode.get(n);
                JmsStreams node = nodes.get(n);
                running.add(pool.submit(() -> producers.sendBatches(node.producer(STREAM,
                        ProducerOptions.DEFAULTS.withConfirmTimeout(Duration.ofMinutes(2))), messages)));
            }
            Deadlines.await(() -> delivered.size() >= count / 3, RUN_DEADLINE, "a third of the messages received");
            long killedAt = System.nanoTime();
            cluster.nodes().get(1).kill();
            cluster.nodes().get(1).start();
            restarted = "node 1 accepting again " + (System.nanoTime() - killedAt) / 1_000_000 + " ms after the kill";
            for (Future<?> f : running) {
                f.get(RUN_DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        long outOfOrder = outOfOrder(firstSeen);
        ReliabilitySummary.record("cluster-node-kill", count, delivered.size(), count - delivered.size(),
                deliveries.get() - delivered.size(), "a consumer and a producer (transactions of 100) on each node; node 1"
                        + " killed with SIGKILL after a third, restarted at once; " + restarted + "; deliveries per consumer "
                        + shares() + "; " + failedCommits.get() + " batches not committed (delivered again); "
                        + outOfOrder + " first processed out of key order; " + producers.notes());
        assertEquals(count, delivered.size(), "every message received at least once");
        assertEquals(0, producers.producerFailures(), producers.notes());
        assertEquals(0, outOfOrder, "messages of a key first processed out of the order they were sent");
    }

    private void run(String scenario, int... consumerNodes) throws Exception {
        int count = count();
        List<List<Message>> perNode = perNode(count);
        FailoverTraffic producers = new FailoverTraffic();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try (ArtemisCluster cluster = cluster();
             JmsStreams node0 = streams(cluster, 0);
             JmsStreams node1 = streams(cluster, 1)) {
            List<JmsStreams> nodes = List.of(node0, node1);
            List<Future<?>> running = new ArrayList<>();
            for (int n = 0; n < consumerNodes.length; n++) {
                Consumer consumer = nodes.get(consumerNodes[n]).consumer(STREAM);
                int id = n;
                running.add(pool.submit(() -> consume(id, consumer, count)));
            }
            for (int n = 0; n < 2; n++) {
                List<Message> messages = perNode.get(n);
                JmsStreams node = nodes.get(n);
                running.add(pool.submit(() -> producers.sendEach(node.producer(STREAM), messages)));
            }
            for (Future<?> f : running) {
                f.get(RUN_DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        long outOfOrder = seen.values().stream().mapToLong(ClusterIT::outOfOrder).sum();
        long split = consumersOfKey.values().stream().filter(c -> c.size() > 1).count();
        ReliabilitySummary.record(scenario, count, delivered.size(), count - delivered.size(),
                deliveries.get() - delivered.size(), "consumers on nodes " + Arrays.toString(consumerNodes)
                        + "; deliveries per consumer " + shares() + "; " + split + " keys split over"
                        + " consumers; " + outOfOrder + " out of order; " + producers.notes());
        assertEquals(count, delivered.size(), "every message received at least once");
        assertEquals(0, producers.producerFailures(), producers.notes());
        assertEquals(0, split, "a key consumed by both consumers: " + consumersOfKey);
        assertEquals(0, outOfOrder, "messages of a key out of the order they were sent");
    }

    /**
     * Receives and acks until {@code count} distinct messages were received by all consumers. A batch
     * whose receive or commit fails (its node was killed) is counted and left to come again.
     */
    private Void consume(int id, Consumer consumer, int count) throws InterruptedException {
        Map<String, List<Integer>> keys = new ConcurrentHashMap<>();
        seen.put(id, keys);
        while (delivered.size() < count) {
            try {
                for (Message m : consumer.receive(100, Duration.ofMillis(200))) {
                    deliveries.incrementAndGet();
                    int number = Integer.parseInt(m.text());
                    if (delivered.add(m.id())) {
                        firstSeen.computeIfAbsent(m.key(), k -> Collections.synchronizedList(new ArrayList<>())).add(number);
                    }
                    consumersOfKey.computeIfAbsent(m.key(), k -> ConcurrentHashMap.newKeySet()).add(id);
                    keys.computeIfAbsent(m.key(), k -> new ArrayList<>()).add(number);
                    consumer.ack(m);
                }
            } catch (StreamException e) {
                failedCommits.incrementAndGet();
            }
        }
        return null;
    }

    /** Numbers that are not above the one before them, over every key's sequence. */
    private static long outOfOrder(Map<String, List<Integer>> keys) {
        long out = 0;
        for (List<Integer> sequence : keys.values()) {
            synchronized (sequence) {
                for (int i = 1; i < sequence.size(); i++) {
                    out += sequence.get(i) <= sequence.get(i - 1) ? 1 : 0;
                }
            }
        }
        return out;
    }

    private Map<Integer, Integer> shares() {
        Map<Integer, Integer> share = new HashMap<>();
        seen.forEach((consumer, keys) -> share.put(consumer, keys.values().stream().mapToInt(List::size).sum()));
        return share;
    }

    private static int count() {
        return Boolean.getBoolean("reliability.long") ? 100_000 : Integer.getInteger("reliability.messages", 10_000);
    }

    /** Keys k0-k7 for the producer on node 0, k8-k15 for node 1; numbered per key (the text). */
    private static List<List<Message>> perNode(int count) {
        List<List<Message>> perNode = List.of(new ArrayList<>(), new ArrayList<>());
        for (int i = 0; i < count; i++) {
            int key = i % KEYS;
            perNode.get(key < KEYS / 2 ? 0 : 1).add(Message.builder().id("cluster-k" + key + "-" + i / KEYS)
                    .key("k" + key).text(Integer.toString(i / KEYS)).build());
        }
        return perNode;
    }

    private static ArtemisCluster cluster() throws InterruptedException {
        return ArtemisCluster.create("cluster", TestPorts.shifted(61904), TestPorts.shifted(61905)).start();
    }

    private static JmsStreams streams(ArtemisCluster cluster, int node) {
        return new JmsStreams(ArtemisConnections.connectionFactory(cluster.url(node), cluster.user(), cluster.password()),
                ProducerOptions.DEFAULTS, ConsumerOptions.DEFAULTS, Connect.DLQ_SUFFIX);
    }
}
