package io.tributary.bench;

import io.tributary.testing.TestPorts;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tributary.artemis.ArtemisConnections;
import io.tributary.testing.ArtemisProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.junit.jupiter.api.Test;

/**
 * The benchmark run ({@code mvn -Pbench [-Dbench.quick] [-Dbench.only=REGEX] verify}; not a test: timings never
 * fail the build). Starts the Artemis distribution as a separate process on port {@value #PORT}, runs every
 * {@link Scenario} interleaved over repetitions against it (3 repetitions of 100,000 messages; quick mode 1 of
 * 20,000), writes {@code target/bench/results.json} and {@code target/bench/ratios.svg} and prints the table.
 * {@code bench.only} keeps the scenarios whose "system scenario" matches the regular expression.
 */
class ThroughputBench {

    private static final int PORT = TestPorts.shifted(61786);

    private final boolean quick = System.getProperty("bench.quick") != null
            && !"false".equals(System.getProperty("bench.quick"));

    @Test
    void run() throws Exception {
        List<Scenario> core = List.of(new RawConfirmedSend(false), new TributarySend(false), new RawConfirmedSend(true),
                new RawTransactedSend(), new TributarySend(true), new TributaryGroupCommitSend(1),
                new RawParallelSend(false), new RawParallelSend(true), new TributaryGroupCommitSend(8),
                new RawTransactedConsume(), TributaryConsume.transacted(), TributaryConsume.adaptive(),
                new TributaryDefaultConsume());
        List<Scenario> all = new ArrayList<>(core);
        all.addAll(List.of(new SpringListenerConsume(1), new SpringListenerConsume(4), new SmallRyeConsume(),
                new ArtemisPerfClient(),
                new RawEndToEnd(), new EndToEndLatency(1.0), new EndToEndLatency(0.5), new EndToEndLatency(0.8), new ConsumerHeap(),
                new JmsBrokerThroughput(), new EventStreamScenario(true, false), new EventStreamScenario(true, true),
                new MemoryBrokerThroughput(), new EventStreamScenario(false, false), new EventStreamScenario(false, true),
                new FanInThroughput()));
        String only = System.getProperty("bench.only", "");
        all.removeIf(s -> !(s.system() + " " + s.scenario()).matches(".*(" + only + ").*"));
        Repetitions repetitions = new Repetitions(all, quick ? 1 : 3);
        Results results = new Results();
        try (ArtemisProcess broker = ArtemisProcess.create("bench", PORT).start()) {
            ActiveMQConnectionFactory factory = ArtemisConnections.connectionFactory(
                    ArtemisConnections.withDefaults(broker.url()), broker.user(), broker.password());
            Bench bench = new Bench(broker, factory, results, quick, quick ? 20_000 : 100_000);
            repetitions.warmUp(bench, core.stream().filter(all::contains).toList());
            repetitions.run(bench);
        }
        Report report = new Report(results, quick ? "quick mode, 1 repetition" : "full mode, 3 repetitions interleaved");
        Path dir = Paths.get("target", "bench");
        report.write(dir);
        System.out.println(report.table());
        assertTrue(Files.exists(dir.resolve("results.json")));
    }
}
