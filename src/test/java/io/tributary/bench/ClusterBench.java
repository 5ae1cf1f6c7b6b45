package io.tributary.bench;

import io.tributary.artemis.ArtemisConnections;
import io.tributary.stream.Consumer;
import io.tributary.stream.ConsumerOptions;
import io.tributary.stream.Message;
import io.tributary.stream.Producer;
import io.tributary.stream.ProducerOptions;
import io.tributary.stream.jms.JmsStreams;
import io.tributary.testing.ArtemisCluster;
import io.tributary.testing.ArtemisProcess;
import io.tributary.testing.TestPorts;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Throughput of a two-node Artemis cluster ({@link ArtemisCluster}) against one broker, in the same run
 * ({@code mvn -Pbench -Dbench.only=cluster verify}; not a test). The same load on both: two Tributary
 * producers (asynchronous confirmed sends, 1 KiB persistent, 16 keys) and two transacted consumers
 * (batches of 100); on the cluster one producer and one consumer per node. Rounds alternate one broker and
 * the cluster (3 rounds of 100,000 messages; {@code -Dbench.quick} 1 of 20,000), each on a stream of its
 * own; the rate is messages over the time from the first send to the last commit. Writes
 * {@code target/bench/cluster.json} and prints it. Both systems share this machine's cores, so this
 * measures what a second broker process costs here, not what a second machine would add.
 */
class ClusterBench {

    private static final int WINDOW = 1_000;
    private static final Duration DEADLINE = Duration.ofMinutes(10);

    private final boolean quick = System.getProperty("bench.quick") != null
            && !"false".equals(System.getProperty("bench.quick"));

    @Test
    void run() throws Exception {
        if (!"cluster".matches(".*(" + System.getProperty("bench.only", "") + ").*")) {
            return;
        }
        int count = quick ? 20_000 : 100_000;
        int rounds = quick ? 1 : 3;
        List<String> rows = new ArrayList<>();
        try (ArtemisProcess single = ArtemisProcess.create("bench-single", TestPorts.shifted(61906)).start();
             ArtemisCluster cluster = ArtemisCluster.create("bench-cluster", TestPorts.shifted(61907),
                     TestPorts.shifted(61908)).start()) {
            for (int round = 1; round <= rounds; round++) {
                String stream = "bench.cluster." + round + "." + System.nanoTime();
                double one = rate(List.of(single.url(), single.url()), single.user(), single.password(), stream, count);
                double two = rate(List.of(cluster.url(0), cluster.url(1)), cluster.user(), cluster.password(), stream,
                        count);
                rows.add("{\"round\":" + round + ",\"messages\":" + count + ",\"oneBrokerMsgPerS\":" + Math.round(one)
                        + ",\"twoNodeClusterMsgPerS\":" + Math.round(two) + ",\"ratio\":"
                        + String.format("%.2f", two / one) + "}");
            }
        }
        String json = "[\n  " + String.join(",\n  ", rows) + "\n]\n";
        Path file = Path.of("target", "bench", "cluster.json");
        Files.createDirectories(file.getParent());
        Files.writeString(file, json, StandardCharsets.UTF_8);
        System.out.println("CLUSTER BENCH\n" + json);
    }

    /** Messages per second through two producers and two consumers, producer and consumer i on {@code urls[i]}. */
    private static double rate(List<String> urls, String user, String password, String stream, int count)
            throws Exception {
        List<JmsStreams> nodes = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        AtomicInteger received = new AtomicInteger();
        try {
            for (String url : urls) {
                nodes.add(new JmsStreams(ArtemisConnections.connectionFactory(url, user, password),
                        ProducerOptions.DEFAULTS, ConsumerOptions.DEFAULTS.withBatchSize(100), ".DLQ"));
            }
            List<Consumer> consumers = new ArrayList<>();
            for (JmsStreams node : nodes) {
                consumers.add(node.consumer(stream));
            }
            long start = System.nanoTime();
            List<Future<?>> work = new ArrayList<>();
            for (int n = 0; n < nodes.size(); n++) {
                Producer producer = nodes.get(n).producer(stream);
                int first = n * count / nodes.size();
                int last = (n + 1) * count / nodes.size();
                work.add(pool.submit(() -> send(producer, first, last)));
                Consumer consumer = consumers.get(n);
                work.add(pool.submit(() -> consume(consumer, received, count)));
            }
            for (Future<?> f : work) {
                f.get(DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
            }
            return count / (double) Duration.ofNanos(System.nanoTime() - start).toNanos() * 1e9;
        } finally {
            pool.shutdownNow();
            nodes.forEach(JmsStreams::close);
        }
    }

    private static Void send(Producer producer, int first, int last) throws Exception {
        byte[] body = new byte[1024];
        for (int start = first; start < last; start += WINDOW) {
            List<CompletableFuture<Void>> stages = new ArrayList<>();
            for (int i = start; i < Math.min(last, start + WINDOW); i++) {
                stages.add(producer.send(Message.builder().id("b-" + i).key("k" + i % 16).value(body).build())
                        .toCompletableFuture());
            }
            CompletableFuture.allOf(stages.toArray(CompletableFuture[]::new)).get(DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
        }
        return null;
    }

    private static Void consume(Consumer consumer, AtomicInteger received, int count) throws Exception {
        while (received.get() < count) {
            List<Message> batch = consumer.receive(100, Duration.ofMillis(200));
            batch.forEach(consumer::ack);
            received.addAndGet(batch.size());
        }
        return null;
    }
}
