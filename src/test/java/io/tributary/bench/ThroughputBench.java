package io.tributary.bench;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tributary.artemis.ArtemisConnections;
import io.tributary.testing.ArtemisProcess;
import io.tributary.testing.TestPorts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.junit.jupiter.api.Test;

/**
 * The benchmark run ({@code mvn -Pbench [-Dbench.quick] [-Dbench.only=REGEX] verify}; not a test: timings never
 * fail the build). Starts two Artemis distribution processes, both with a 512 MiB heap: {@value #TUNED_OFF}
 * (created with {@code --nio --no-autotune}, port 61786) and {@value #DEFAULTS} (created with {@code artemis
 * create}'s journal defaults, auto-tuned, port 61787), and runs every {@link Scenario} on each, interleaved over
 * repetitions (3 repetitions of 100,000 messages; quick mode 1 of 20,000), then writes
 * {@code target/bench/results.json}, {@code report.md} and the charts and prints the report.
 * {@code bench.only} keeps the scenarios whose "system scenario" matches the regular expression;
 * {@code bench.brokers} keeps the brokers whose name matches it.
 */
class ThroughputBench {

    static final String TUNED_OFF = "nio-no-autotune";
    static final String DEFAULTS = "create-defaults";

    /**
     * Each broker's heap: a run sends several GiB through each broker, and with 512 MiB (half of it for messages)
     * a broker paging under 16 producers ran out of heap in the third repetition.
     */
    private static final int BROKER_HEAP_MIB = 1024;
    private static final int TUNED_OFF_PORT = TestPorts.shifted(61786);
    private static final int DEFAULTS_PORT = TestPorts.shifted(61787);

    private final boolean quick = System.getProperty("bench.quick") != null
            && !"false".equals(System.getProperty("bench.quick"));

    @Test
    void run() throws Exception {
        List<Scenario> core = List.of(new RawConfirmedSend(RawConfirmedSend.Variant.PLAIN), new TributarySend(false),
                new RawConfirmedSend(RawConfirmedSend.Variant.SAME_HEADERS),
                new RawConfirmedSend(RawConfirmedSend.Variant.ARTEMIS_WINDOW), new RawTransactedSend(),
                new TributarySend(true), new RawGroupCommitByHand(), new TributaryGroupCommitSend(1),
                new RawParallelSend(false), new RawParallelSend(true), new TributaryGroupCommitSend(8),
                new RawTransactedConsume(), TributaryConsume.transacted(), TributaryConsume.adaptive(),
                new TributaryDefaultConsume());
        List<Scenario> all = new ArrayList<>(core);
        all.addAll(List.of(new SpringListenerConsume(1), new SpringListenerConsume(4), new SmallRyeConsume(),
                new ArtemisPerfClient(), AppServerConsume.mdb(), AppServerConsume.tributary(),
                AppServerConsume.tributaryInJta(),
                new RawEndToEnd(), new EndToEndLatency(1.0), new EndToEndLatency(0.5), new EndToEndLatency(0.8), new ConsumerHeap(),
                new JmsBrokerThroughput(), new EventStreamScenario(true, false), new EventStreamScenario(true, true),
                new MemoryBrokerThroughput(), new EventStreamScenario(false, false), new EventStreamScenario(false, true),
                new FanInThroughput()));
        all.addAll(ConsumerCurve.scenarios(quick));
        for (int n : Scaling.POINTS) {
            all.add(new ScaleStreams(n));
        }
        for (int n : Scaling.POINTS) {
            all.add(new ScaleConsumers(n));
        }
        String only = System.getProperty("bench.only", "");
        all.removeIf(s -> !(s.system() + " " + s.scenario()).matches(".*(" + only + ").*"));
        String brokers = System.getProperty("bench.brokers", "");
        Repetitions repetitions = new Repetitions(all, quick ? 1 : 3);
        Results results = new Results();
        List<Bench> benches = new ArrayList<>();
        try (ArtemisProcess tunedOff = ArtemisProcess.create("bench", TUNED_OFF_PORT);
             ArtemisProcess defaults = ArtemisProcess.createWithDefaultJournal("bench-defaults", DEFAULTS_PORT)) {
            add(benches, results, TUNED_OFF, tunedOff, brokers);
            add(benches, results, DEFAULTS, defaults, brokers);
            for (Bench bench : benches) {
                repetitions.warmUp(bench, core.stream().filter(all::contains).toList());
            }
            repetitions.run(benches);
        }
        Report report = new Report(results, quick ? "quick mode, 1 repetition" : "full mode, 3 repetitions interleaved");
        Path dir = Paths.get("target", "bench");
        report.write(dir);
        System.out.println(report.markdown());
        assertTrue(Files.exists(dir.resolve("results.json")));
    }

    /** Starts {@code broker} and adds its fixture, if its name matches {@code brokers}. */
    private void add(List<Bench> benches, Results results, String name, ArtemisProcess broker, String brokers) {
        if (!name.matches(".*(" + brokers + ").*")) {
            return;
        }
        broker.heap(BROKER_HEAP_MIB).start();
        results.broker(name, "Artemis 2.44.0 as a process, " + BROKER_HEAP_MIB + " MiB heap, journal " + broker.journal()
                + (name.equals(TUNED_OFF) ? " (artemis create --nio --no-autotune)" : " (artemis create defaults, auto-tuned)"));
        ActiveMQConnectionFactory factory = ArtemisConnections.connectionFactory(
                ArtemisConnections.withDefaults(broker.url()), broker.user(), broker.password());
        benches.add(new Bench(name, broker, factory, results, quick, quick ? 20_000 : 100_000));
    }
}
