package io.tributary.bench;

import io.tributary.artemis.ArtemisConnections;
import io.tributary.stream.ConsumerOptions;
import io.tributary.stream.GroupCommit;
import io.tributary.stream.Message;
import io.tributary.stream.Producer;
import io.tributary.stream.ProducerOptions;
import io.tributary.stream.jms.JmsStreams;
import io.tributary.testing.ArtemisProcess;
import jakarta.jms.BytesMessage;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSException;
import jakarta.jms.Session;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;

/**
 * Where a Tributary producer's time goes, against raw JMS on the same broker: a bench main, not a test
 * (nothing here can fail a build on timing).
 *
 * <p>Starts the Artemis distribution as a process ({@link ArtemisProcess}, instance {@code producer-cost})
 * on the port given as the first argument ({@link CostRun} describes the arguments and what is recorded),
 * then, per repetition and interleaved on fresh queues, sends {@code count} persistent 1 KiB messages in
 * each variant:
 * <ul>
 *   <li>confirmed: raw JMS async send with a {@code CompletionListener} and a window of {@value #WINDOW}
 *       in flight; the same carrying Tributary's duplicate-detection id only; the same carrying every
 *       property Tributary writes; Tributary's {@code Producer.send} with {@code maxInFlight} {@value #WINDOW};</li>
 *   <li>transacted: raw JMS committing every {@value #BATCH}; with the duplicate id; with every property;
 *       Tributary's {@code sendAll} of {@value #BATCH}.</li>
 * </ul>
 * The raw variants with properties separate what the guarantees cost on the broker (duplicate-id cache,
 * bigger journal records) from what the library costs on the client.
 *
 * <p>With {@code -Dcost.windows=65536,262144,1048576} it also runs, per producer window (Artemis'
 * {@code producerWindowSize}, bytes), mode {@code window-W}: raw confirmed sends, the same with the
 * duplicate-detection id, group commit written by hand (two connections sending transactions of
 * {@value #GROUP} with the id) and Tributary's confirmed and group-commit producers, each on a factory with that
 * window: what the window and what broker transactions give on this broker.
 *
 * <p>Run (after {@code mvn test-compile} and the Artemis distribution unpacked by
 * {@code mvn dependency:unpack@unpack-artemis}):
 * <pre>
 * mvn -q dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 * java -Dartemis.home=target/artemis-dist/apache-artemis-2.44.0 -Dit.work.dir=target/it \
 *      -cp target/test-classes:target/classes:$(cat target/cp.txt) io.tributary.bench.ProducerCost PORT [COUNT] [REPS] [ONLY]
 * </pre>
 * Add {@code -XX:StartFlightRecording=filename=target/pc.jfr,settings=profile} to profile the client; the
 * broker's PID is printed for {@code jcmd PID JFR.start}.
 */
public final class ProducerCost {

    private static final int WINDOW = 1000;
    private static final int BATCH = 100;
    private static final int GROUP = 500;
    private static final byte[] BODY = new byte[1024];

    private final CostRun run;

    private ProducerCost(CostRun run) {
        this.run = run;
    }

    /** Properties a raw message carries in a variant. */
    private enum Props { NONE, DUPLICATE_ID, ALL }

    public static void main(String[] args) throws Exception {
        try (CostRun run = new CostRun("producer-cost", args)) {
            ProducerCost bench = new ProducerCost(run);
            run.warmUp(q -> { }, q -> bench.rawConfirmed(q, Props.ALL));
            run.warmUp(q -> { }, bench::tributaryConfirmed);
            run.warmUp(q -> { }, q -> bench.rawTransacted(q, Props.ALL));
            run.warmUp(q -> { }, bench::tributarySendAll);
            for (int rep = 0; rep < run.reps(); rep++) {
                run.measure("confirmed raw", q -> bench.rawConfirmed(q, Props.NONE));
                run.measure("confirmed raw+dupid", q -> bench.rawConfirmed(q, Props.DUPLICATE_ID));
                run.measure("confirmed raw+props", q -> bench.rawConfirmed(q, Props.ALL));
                run.measure("confirmed tributary", bench::tributaryConfirmed);
                run.measure("transacted raw", q -> bench.rawTransacted(q, Props.NONE));
                run.measure("transacted raw+dupid", q -> bench.rawTransacted(q, Props.DUPLICATE_ID));
                run.measure("transacted raw+props", q -> bench.rawTransacted(q, Props.ALL));
                run.measure("transacted tributary", bench::tributarySendAll);
                for (String window : System.getProperty("cost.windows", "").split(",")) {
                    if (!window.isBlank()) {
                        bench.windowVariants(args[0], Integer.parseInt(window.strip()));
                    }
                }
            }
            run.summary();
        }
    }

    /**
     * A bare 1 KiB message, or one with the properties Tributary's codec writes for a first attempt sent to
     * its own stream: the id, the duplicate-detection id and the timestamp in epoch nanoseconds.
     */
    private static BytesMessage message(Session s, Props props) throws JMSException {
        BytesMessage m = s.createBytesMessage();
        m.writeBytes(BODY);
        if (props != Props.NONE) {
            String id = UUID.randomUUID().toString();
            m.setStringProperty("_AMQ_DUPL_ID", id);
            if (props == Props.ALL) {
                Instant now = Instant.now();
                m.setStringProperty("tributary_id", id);
                m.setLongProperty("tributary_ts", now.getEpochSecond() * 1_000_000_000L + now.getNano());
            }
        }
        return m;
    }

    private double rawConfirmed(String name, Props props) throws Exception {
        return RawJms.confirmedSend(run.factory(), name, run.count(), WINDOW, session -> message(session, props));
    }

    private double rawTransacted(String name, Props props) throws Exception {
        return RawJms.transactedSend(run.factory(), name, run.count(), BATCH, session -> message(session, props));
    }

    /** The variants of mode {@code window-W}: each on a factory for the broker on {@code port} with that window. */
    private void windowVariants(String port, int window) throws Exception {
        ActiveMQConnectionFactory base = (ActiveMQConnectionFactory) run.factory();
        try (ActiveMQConnectionFactory f = ArtemisConnections.connectionFactory("tcp://127.0.0.1:" + port
                + "?producerWindowSize=" + window, base.getUser(), base.getPassword())) {
            String mode = "window-" + window;
            run.measure(mode + " raw", q -> RawJms.confirmedSend(f, q, run.count(), WINDOW,
                    s -> message(s, Props.NONE)));
            run.measure(mode + " raw+dupid", q -> RawJms.confirmedSend(f, q, run.count(), WINDOW,
                    s -> message(s, Props.DUPLICATE_ID)));
            run.measure(mode + " raw-group-commit", q -> Parallel.rate(2, run.count(), n -> RawJms.transactedSend(f, q,
                    n, GROUP, s -> message(s, Props.DUPLICATE_ID))).msgsPerSec());
            run.measure(mode + " tributary", q -> tributaryConfirmed(f, q,
                    ProducerOptions.DEFAULTS.withMaxInFlight(WINDOW)));
            run.measure(mode + " tributary-group-commit", q -> tributaryConfirmed(f, q, ProducerOptions.DEFAULTS
                    .withMaxInFlight(WINDOW).withGroupCommit(new GroupCommit(GROUP, Duration.ZERO))));
        }
    }

    private JmsStreams streams() {
        return streams(run.factory(), ProducerOptions.DEFAULTS.withMaxInFlight(WINDOW));
    }

    private static JmsStreams streams(ConnectionFactory factory, ProducerOptions options) {
        return new JmsStreams(factory, options, ConsumerOptions.DEFAULTS, ".DLQ");
    }

    private double tributaryConfirmed(String name) throws Exception {
        return tributaryConfirmed(run.factory(), name, ProducerOptions.DEFAULTS.withMaxInFlight(WINDOW));
    }

    /** {@code count} sends of one thread through a producer with {@code options}, until {@code flush} returned. */
    private double tributaryConfirmed(ConnectionFactory factory, String name, ProducerOptions options)
            throws Exception {
        int count = run.count();
        try (JmsStreams streams = streams(factory, options); Producer p = streams.producer(name, options)) {
            long t0 = System.nanoTime();
            for (int i = 0; i < count; i++) {
                p.send(Message.of(BODY));
            }
            p.flush(Duration.ofSeconds(60));
            return RawJms.rate(count, t0);
        }
    }

    private double tributarySendAll(String name) throws Exception {
        int count = run.count();
        try (JmsStreams streams = streams(); Producer p = streams.producer(name)) {
            long t0 = System.nanoTime();
            for (int i = 0; i < count; i += BATCH) {
                List<Message> batch = new ArrayList<>(BATCH);
                for (int j = 0; j < BATCH && i + j < count; j++) {
                    batch.add(Message.of(BODY));
                }
                p.sendAll(batch).toCompletableFuture().get(60, TimeUnit.SECONDS);
            }
            return RawJms.rate(count, t0);
        }
    }
}
