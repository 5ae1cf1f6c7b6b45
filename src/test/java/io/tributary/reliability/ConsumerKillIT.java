package io.tributary.reliability;

import io.tributary.testing.TestPorts;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tributary.artemis.ArtemisConnections;
import io.tributary.stream.Consumer;
import io.tributary.stream.ConsumerOptions;
import io.tributary.stream.Message;
import io.tributary.stream.Producer;
import io.tributary.stream.jms.JmsStreams;
import io.tributary.testing.ArtemisProcess;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.ProcessBuilder.Redirect;
import java.nio.charset.StandardCharsets;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Scenario 2: a consumer JVM ({@link HoldingConsumer}) commits a batch, then is killed with
 * {@code kill -9} while holding 1,000 unsettled messages; a new consumer receives every held message
 * again and none of the committed ones.
 */
class ConsumerKillIT {

    private static final int PORT = TestPorts.shifted(61767);
    private static final int COMMIT = 500;
    private static final int HOLD = 1_000;
    private static final int REST = 500;
    /**
     * The broker frees a dead client's deliveries only when its connection TTL expires: Tributary's
     * default is 10 s (Artemis' own 60 s), which the child uses.
     */
    private static final Duration DEADLINE = Duration.ofSeconds(60);

    @Test
    void heldMessagesComeBackCommittedOnesDoNot() throws Exception {
        String stream = "reliability.consumer-kill";
        int total = COMMIT + HOLD + REST;
        try (ArtemisProcess broker = ArtemisProcess.create("reliability-consumer-kill", PORT).start()) {
            try (JmsStreams streams = Connect.streams(broker, ConsumerOptions.DEFAULTS);
                 Producer producer = streams.producer(stream)) {
                for (int i = 0; i < total; i++) {
                    producer.send(Message.builder().id("ck-" + i).text("message " + i).build());
                }
                producer.flush(DEADLINE);
            }
            Process child = startChild(broker, stream);
            Set<String> committed;
            Set<String> held;
            try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(),
                    StandardCharsets.UTF_8))) {
                committed = idsAfter(out, "COMMITTED ");
                held = idsAfter(out, "HOLDING ");
            } finally {
                ProcessHandle handle = child.toHandle();
                handle.destroyForcibly();
                handle.onExit().get(DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
            }
            long killed = System.nanoTime();
            long takeoverMillis = -1;
            assertEquals(COMMIT, committed.size(), "child committed batch");
            assertEquals(HOLD, held.size(), "child held batch");

            Set<String> again = new HashSet<>();
            long deliveries = 0;
            try (JmsStreams streams = Connect.streams(broker, ConsumerOptions.DEFAULTS);
                 Consumer consumer = streams.consumer(stream)) {
                long end = System.nanoTime() + DEADLINE.toNanos();
                while (again.size() < HOLD + REST && System.nanoTime() < end) {
                    List<Message> batch = consumer.receive(500, Duration.ofMillis(200));
                    for (Message m : batch) {
                        deliveries++;
                        again.add(m.id());
                        consumer.ack(m);
                    }
                    if (takeoverMillis < 0 && again.containsAll(held)) {
                        takeoverMillis = Duration.ofNanos(System.nanoTime() - killed).toMillis();
                    }
                }
                List<Message> extra = consumer.receive(100, Duration.ofMillis(300));
                extra.forEach(consumer::ack);
                deliveries += extra.size();
            }
            Set<String> missing = new HashSet<>(held);
            missing.removeAll(again);
            Set<String> redeliveredCommitted = new HashSet<>(committed);
            redeliveredCommitted.retainAll(again);
            long duplicates = deliveries - again.size() + redeliveredCommitted.size();
            ReliabilitySummary.record("consumer-jvm-kill-9", total, committed.size() + again.size(), missing.size(),
                    duplicates, "child committed " + committed.size() + ", held " + held.size()
                            + " unsettled when killed; all held ones back " + takeoverMillis + " ms after the kill"
                            + " (default connectionTTL " + ArtemisConnections.DEFAULT_CONNECTION_TTL_MILLIS
                            + " ms, a measurement); new consumer got " + again.size() + " (held ones missing: "
                            + missing.size() + ", committed ones redelivered: " + redeliveredCommitted.size() + ")");
            assertEquals(Set.of(), missing, "held messages not delivered again");
            assertEquals(Set.of(), redeliveredCommitted, "committed messages delivered again");
            assertEquals(HOLD + REST, again.size());
            assertEquals(0, duplicates);
        }
    }

    private static Process startChild(ArtemisProcess broker, String stream) throws Exception {
        String java = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                HoldingConsumer.class.getName(), broker.url(), stream, Integer.toString(COMMIT), Integer.toString(HOLD))
                .redirectError(Redirect.DISCARD);
        builder.environment().put("BROKER_USER", broker.user());
        builder.environment().put("BROKER_PASSWORD", broker.password());
        return builder.start();
    }

    /** Reads lines until one starts with {@code prefix}, within the deadline; returns its ids. */
    private static Set<String> idsAfter(BufferedReader out, String prefix) throws Exception {
        CompletableFuture<String> line = CompletableFuture.supplyAsync(() -> {
            try {
                for (String l = out.readLine(); l != null; l = out.readLine()) {
                    if (l.startsWith(prefix)) {
                        return l.substring(prefix.length());
                    }
                }
                return null;
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        String ids = line.get(DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
        assertTrue(ids != null, "child ended before printing " + prefix);
        return ids.isEmpty() ? Set.of() : new HashSet<>(Arrays.asList(ids.split(",")));
    }
}
