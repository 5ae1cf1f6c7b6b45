package io.tributary.bench;

import io.tributary.testing.Deadlines;
import io.tributary.testing.LibertyProcess;
import it.io.tributary.LibraryArchives;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.exporter.ZipExporter;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * A consumer inside an application server draining a filled queue of the benchmark broker: an Open Liberty server
 * of its own ({@link LibertyProcess}, the runtime the build installed, no HTTP port) with the Artemis resource
 * adapter exactly as {@code liberty/artemis-ra.xml} ships it ({@code target/artemis-ra.rar}) pointed at the
 * benchmark broker (its login passed as the environment variables {@code ARTEMIS_USER}/{@code ARTEMIS_PASSWORD},
 * never written to a file), and one application:
 * <ul>
 *   <li>{@code mdb consume-cmt}: {@link BenchMdb}, a plain MDB on activation spec {@code jms/benchSpec}, with a
 *       container-managed transaction per message (the default) and the adapter's default {@code maxSession}
 *       (15 concurrent sessions);</li>
 *   <li>{@code tributary consume-container-managed}: {@link BenchDrain}, Tributary as a library in container-managed
 *       mode ({@code tributary.connection-factory=jms/tributary}), its default consumer (transacted batches);</li>
 *   <li>{@code tributary consume-container-managed-jta}: the same with each batch inside a JTA transaction
 *       ({@code bench.jta=true}).</li>
 * </ul>
 * The queue is filled before the server starts; the rate is measured in the harness from the queue's message
 * count ({@link QueueAdmin.Depth}, acknowledged messages excluded), from the first time it drops until it is
 * empty or {@value #QUICK_SECONDS} s (quick) / {@value #FULL_SECONDS} s passed, so the server's start is not
 * counted (it took 5-45 s here, so both rows are measured in the first repetition only). Compared with raw JMS committing every {@value Bench#BATCH} on the same broker. The server is stopped
 * by PID before the scenario returns.
 */
final class AppServerConsume extends NamedScenario {

    private static final int QUICK_SECONDS = 4;
    private static final int FULL_SECONDS = 10;
    private static final Duration START_DEADLINE = Duration.ofMinutes(3);
    private static final long POLL_NANOS = 20_000_000;
    private static final String SERVER_XML = """
            <server description="benchmark: a consumer inside Liberty on the Artemis resource adapter">
                <featureManager>
                    <feature>servlet-6.0</feature>
                    <feature>cdi-4.0</feature>
                    <feature>mpConfig-3.1</feature>
                    <feature>concurrent-3.0</feature>
                </featureManager>
                <httpEndpoint id="defaultHttpEndpoint" httpPort="-1" httpsPort="-1"/>
                <applicationManager autoExpand="true"/>
                <include location="${server.config.dir}/artemis-ra.xml"/>
                <variable name="artemis.host" value="127.0.0.1"/>
                <variable name="artemis.port" value="%d"/>
                <jmsQueue id="benchQueue" jndiName="jms/bench">
                    <properties.artemis address="%s"/>
                </jmsQueue>
                <jmsActivationSpec id="jms/benchSpec">
                    <properties.artemis destinationRef="benchQueue" useJNDI="true" destinationType="jakarta.jms.Queue"/>
                </jmsActivationSpec>
            </server>
            """;
    private static final String MDB_BINDING = """
            <?xml version="1.0" encoding="UTF-8"?>
            <ejb-jar-bnd xmlns="http://websphere.ibm.com/xml/ns/javaee" version="1.2">
                <message-driven name="BenchMdb">
                    <jca-adapter activation-spec-binding-name="jms/benchSpec"/>
                </message-driven>
            </ejb-jar-bnd>
            """;

    private final boolean mdb;
    private final String config;

    @Override
    public boolean firstRepetitionOnly() {
        return true;
    }

    private AppServerConsume(String system, String scenario, boolean mdb, String config) {
        super(system, scenario, "consume-transacted");
        this.mdb = mdb;
        this.config = config;
    }

    /** {@code mdb consume-cmt}: the plain MDB, a container-managed transaction per message. */
    static AppServerConsume mdb() {
        return new AppServerConsume("mdb", "consume-cmt", true, "");
    }

    /** {@code tributary consume-container-managed}: Tributary's default consumer on the server's factory. */
    static AppServerConsume tributary() {
        return new AppServerConsume("tributary", "consume-container-managed", false,
                "tributary.connection-factory=jms/tributary\n");
    }

    /** {@code tributary consume-container-managed-jta}: the same, each batch inside a JTA transaction. */
    static AppServerConsume tributaryInJta() {
        return new AppServerConsume("tributary", "consume-container-managed-jta", false,
                "tributary.connection-factory=jms/tributary\nbench.jta=true\n");
    }

    @Override
    public Measurement run(Bench bench) throws Exception {
        int count = bench.count();
        String queue = bench.filledQueue(count);
        Path apps = Files.createDirectories(Paths.get(System.getProperty("it.work.dir", "target/it"), "bench-apps"));
        Path war = apps.resolve((mdb ? "bench-mdb" : "bench-tributary") + ".war");
        application().as(ZipExporter.class).exportTo(war.toFile(), true);
        int seconds = bench.quick() ? QUICK_SECONDS : FULL_SECONDS;
        try (LibertyProcess server = LibertyProcess.create("bench-consumer",
                SERVER_XML.formatted(bench.broker().port(), queue));
             QueueAdmin.Depth depth = bench.admin().depth(queue)) {
            server.configure(Paths.get("liberty", "artemis-ra.xml"))
                    .configure(Paths.get(System.getProperty("bench.rar", "target/artemis-ra.rar")))
                    .deploy(war)
                    .start(Map.of("ARTEMIS_USER", bench.broker().user(), "ARTEMIS_PASSWORD", bench.broker().password(),
                            "BENCH_QUEUE", queue), START_DEADLINE);
            return measure(depth, count, seconds).withNote((mdb ? "maxSession 15 (the adapter's default)"
                    : config.strip().replace('\n', ' ') + ", default consumer") + ", " + count + " messages");
        }
    }

    private WebArchive application() {
        if (mdb) {
            return ShrinkWrap.create(WebArchive.class, "bench-mdb.war").addClass(BenchMdb.class)
                    .addAsWebInfResource(new StringAsset(MDB_BINDING), "ibm-ejb-jar-bnd.xml");
        }
        return LibraryArchives.application("bench-tributary", config, BenchDrain.class);
    }

    /** The drain rate from the first drop of the queue's count until it is empty or {@code seconds} passed. */
    private static Measurement measure(QueueAdmin.Depth depth, int count, int seconds) throws InterruptedException {
        long[] seen = {count};
        Deadlines.await(() -> (seen[0] = count(depth)) < count, START_DEADLINE,
                "the server's consumer took nothing from the queue");
        long first = seen[0];
        long start = System.nanoTime();
        long end = start + seconds * 1_000_000_000L;
        long last = first;
        while (last > 0 && System.nanoTime() < end) {
            LockSupport.parkNanos(POLL_NANOS);
            last = count(depth);
        }
        if (first == last) {
            throw new IllegalStateException("the server's consumer stopped at " + last + " of " + count + " messages");
        }
        return Measurement.of((first - last) * 1e9 / (System.nanoTime() - start));
    }

    private static long count(QueueAdmin.Depth depth) {
        try {
            return depth.now();
        } catch (Exception e) {
            throw new IllegalStateException("cannot read the queue's message count: " + e, e);
        }
    }
}
