package io.tributary.bench;

import io.tributary.artemis.ArtemisConnections;
import io.tributary.stream.ConsumerOptions;
import io.tributary.stream.Message;
import io.tributary.stream.Producer;
import io.tributary.stream.ProducerOptions;
import io.tributary.stream.jms.JmsStreams;
import io.tributary.testing.ArtemisProcess;
import jakarta.jms.BytesMessage;
import jakarta.jms.CompletionListener;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSException;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import org.apache.activemq.artemis.api.core.ActiveMQException;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.jms.client.ActiveMQSession;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Where a Tributary producer's time goes, against raw JMS on the same broker: a bench main, not a test
 * (nothing here can fail a build on timing).
 *
 * <p>Starts the Artemis distribution as a process ({@link ArtemisProcess}, instance {@code producer-cost})
 * on the port given as the first argument, then, per repetition and interleaved on fresh queues, sends
 * {@code count} persistent 1 KiB messages in each variant:
 * <ul>
 *   <li>confirmed: raw JMS async send with a {@code CompletionListener} and a window of {@value #WINDOW}
 *       in flight; the same carrying Tributary's duplicate-detection id only; the same carrying every
 *       property Tributary writes; Tributary's {@code Producer.send} with {@code maxInFlight} {@value #WINDOW};</li>
 *   <li>transacted: raw JMS committing every {@value #BATCH}; with the duplicate id; with every property;
 *       Tributary's {@code sendAll} of {@value #BATCH}.</li>
 * </ul>
 * The raw variants with properties separate what the guarantees cost on the broker (duplicate-id cache,
 * bigger journal records) from what the library costs on the client. Each queue is deleted after its
 * variant (no consumer runs, and a broker that starts paging would distort every later figure). Prints
 * each rate with the CPU time per message of the client JVM and of the broker process, then the median
 * of each variant and its ratio to the bare raw variant. On a loaded machine rates swing widely between
 * runs; the CPU times per message are steadier.
 *
 * <p>Run (after {@code mvn test-compile} and the Artemis distribution unpacked by
 * {@code mvn dependency:unpack@unpack-artemis}):
 * <pre>
 * mvn -q dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 * java -Dartemis.home=target/artemis-dist/apache-artemis-2.44.0 -Dit.work.dir=target/it \
 *      -cp target/test-classes:target/classes:$(cat target/cp.txt) io.tributary.bench.ProducerCost PORT [COUNT] [REPS]
 * </pre>
 * Defaults: 50,000 messages, 3 repetitions; a fourth argument runs only the variants whose name contains
 * it (e.g. {@code tributary}). Add {@code -XX:StartFlightRecording=filename=target/pc.jfr,settings=profile}
 * to profile the client; the broker's PID is printed for {@code jcmd PID JFR.start}.
 */
public final class ProducerCost {

    private static final int WINDOW = 1000;
    private static final int BATCH = 100;
    private static final byte[] BODY = new byte[1024];

    private final ConnectionFactory factory;
    private final int count;
    private final String only;
    private final Map<String, List<Double>> rates = new LinkedHashMap<>();
    private final Map<String, List<Double>> clientCpu = new LinkedHashMap<>();
    private final Map<String, List<Double>> brokerCpu = new LinkedHashMap<>();
    private int queueSeq;

    private ProducerCost(ConnectionFactory factory, int count, String only) {
        this.factory = factory;
        this.count = count;
        this.only = only;
    }

    /** Properties a raw message carries in a variant. */
    private enum Props { NONE, DUPLICATE_ID, ALL }

    public static void main(String[] args) throws Exception {
        if (args.length < 1) {
            throw new IllegalArgumentException("usage: ProducerCost PORT [COUNT] [REPS]");
        }
        int port = Integer.parseInt(args[0]);
        int count = args.length > 1 ? Integer.parseInt(args[1]) : 50_000;
        int reps = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        String only = args.length > 3 ? args[3] : "";
        try (ArtemisProcess broker = ArtemisProcess.create("producer-cost", port).start()) {
            ProducerCost bench = new ProducerCost(ArtemisConnections.connectionFactory(broker.url(), broker.user(),
                    broker.password()), count, only);
            bench.warmUp();
            ProcessHandle brokerProcess = ProcessHandle.of(broker.pid()).orElseThrow();
            System.out.println("broker pid " + broker.pid() + " (profile it with jcmd PID JFR.start)");
            for (int rep = 0; rep < reps; rep++) {
                bench.measure("confirmed raw", brokerProcess, () -> bench.rawConfirmed(Props.NONE));
                bench.measure("confirmed raw+dupid", brokerProcess, () -> bench.rawConfirmed(Props.DUPLICATE_ID));
                bench.measure("confirmed raw+props", brokerProcess, () -> bench.rawConfirmed(Props.ALL));
                bench.measure("confirmed tributary", brokerProcess, bench::tributaryConfirmed);
                bench.measure("transacted raw", brokerProcess, () -> bench.rawTransacted(Props.NONE));
                bench.measure("transacted raw+dupid", brokerProcess, () -> bench.rawTransacted(Props.DUPLICATE_ID));
                bench.measure("transacted raw+props", brokerProcess, () -> bench.rawTransacted(Props.ALL));
                bench.measure("transacted tributary", brokerProcess, bench::tributarySendAll);
            }
            bench.summary();
        }
    }

    private void warmUp() throws Exception {
        rawConfirmed(Props.ALL);
        deleteQueue("cost" + (queueSeq - 1));
        tributaryConfirmed();
        deleteQueue("cost" + (queueSeq - 1));
        rawTransacted(Props.ALL);
        deleteQueue("cost" + (queueSeq - 1));
        tributarySendAll();
        deleteQueue("cost" + (queueSeq - 1));
    }

    private void deleteQueue(String name) throws JMSException {
        try (Connection c = factory.createConnection()) {
            ActiveMQSession s = (ActiveMQSession) c.createSession(false, Session.AUTO_ACKNOWLEDGE);
            s.getCoreSession().deleteQueue(SimpleString.of(name));
        } catch (ActiveMQException e) {
            throw new IllegalStateException("cannot delete queue " + name + ": " + e, e);
        }
    }

    /**
     * Runs a variant, records its rate and the CPU time per message of this JVM and of the broker (less
     * sensitive to other load on the machine than the rate), then deletes its queue so the broker never
     * pages (nothing consumes these messages).
     */
    private void measure(String variant, ProcessHandle broker, Variant run) throws Exception {
        if (!variant.contains(only)) {
            return;
        }
        long clientCpu0 = clientCpuNanos();
        long brokerCpu0 = cpuNanos(broker);
        double rate = run.rate();
        double clientMicros = (clientCpuNanos() - clientCpu0) / 1e3 / count;
        double brokerMicros = (cpuNanos(broker) - brokerCpu0) / 1e3 / count;
        deleteQueue("cost" + (queueSeq - 1));
        rates.computeIfAbsent(variant, k -> new ArrayList<>()).add(rate);
        clientCpu.computeIfAbsent(variant, k -> new ArrayList<>()).add(clientMicros);
        brokerCpu.computeIfAbsent(variant, k -> new ArrayList<>()).add(brokerMicros);
        System.out.printf(Locale.ROOT, "%-22s %,10.0f msg/s  client %5.1f us/msg  broker %5.1f us/msg%n", variant,
                rate, clientMicros, brokerMicros);
    }

    private static long clientCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private static long cpuNanos(ProcessHandle p) {
        return p.info().totalCpuDuration().map(Duration::toNanos).orElse(0L);
    }

    /** One measured run; returns messages per second. */
    @FunctionalInterface
    private interface Variant {
        double rate() throws Exception;
    }

    private void summary() {
        System.out.println("\nvariant                median msg/s   x raw (same mode)   client us/msg   broker us/msg");
        for (Map.Entry<String, List<Double>> e : rates.entrySet()) {
            String mode = e.getKey().substring(0, e.getKey().indexOf(' '));
            double raw = rates.containsKey(mode + " raw") ? median(rates.get(mode + " raw")) : Double.NaN;
            double m = median(e.getValue());
            System.out.printf(Locale.ROOT, "%-22s %,12.0f   %17.2f   %13.1f   %13.1f%n", e.getKey(), m, m / raw,
                    median(clientCpu.get(e.getKey())), median(brokerCpu.get(e.getKey())));
        }
    }

    private static double median(List<Double> xs) {
        List<Double> sorted = new ArrayList<>(xs);
        sorted.sort(null);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    private String queue() {
        return "cost" + (queueSeq++);
    }

    private static double rate(int n, long startNanos) {
        return n / ((System.nanoTime() - startNanos) / 1e9);
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

    private double rawConfirmed(Props props) throws Exception {
        String name = queue();
        try (Connection c = factory.createConnection()) {
            Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageProducer p = s.createProducer(s.createQueue(name));
            p.setDeliveryMode(DeliveryMode.PERSISTENT);
            Semaphore window = new Semaphore(WINDOW);
            AtomicReference<Exception> failure = new AtomicReference<>();
            CompletionListener listener = new CompletionListener() {
                @Override
                public void onCompletion(jakarta.jms.Message m) {
                    window.release();
                }

                @Override
                public void onException(jakarta.jms.Message m, Exception e) {
                    failure.set(e);
                    window.release();
                }
            };
            long t0 = System.nanoTime();
            for (int i = 0; i < count; i++) {
                window.acquire();
                p.send(message(s, props), listener);
            }
            window.acquire(WINDOW);
            double r = rate(count, t0);
            if (failure.get() != null) {
                throw failure.get();
            }
            return r;
        }
    }

    private double rawTransacted(Props props) throws Exception {
        String name = queue();
        try (Connection c = factory.createConnection()) {
            Session s = c.createSession(true, Session.SESSION_TRANSACTED);
            MessageProducer p = s.createProducer(s.createQueue(name));
            p.setDeliveryMode(DeliveryMode.PERSISTENT);
            long t0 = System.nanoTime();
            for (int i = 1; i <= count; i++) {
                p.send(message(s, props));
                if (i % BATCH == 0) {
                    s.commit();
                }
            }
            s.commit();
            return rate(count, t0);
        }
    }

    private JmsStreams streams() {
        return new JmsStreams(factory, ProducerOptions.DEFAULTS.withMaxInFlight(WINDOW), ConsumerOptions.DEFAULTS,
                ".DLQ");
    }

    private double tributaryConfirmed() throws Exception {
        try (JmsStreams streams = streams(); Producer p = streams.producer(queue())) {
            long t0 = System.nanoTime();
            for (int i = 0; i < count; i++) {
                p.send(Message.of(BODY));
            }
            p.flush(Duration.ofSeconds(60));
            return rate(count, t0);
        }
    }

    private double tributarySendAll() throws Exception {
        try (JmsStreams streams = streams(); Producer p = streams.producer(queue())) {
            long t0 = System.nanoTime();
            for (int i = 0; i < count; i += BATCH) {
                List<Message> batch = new ArrayList<>(BATCH);
                for (int j = 0; j < BATCH && i + j < count; j++) {
                    batch.add(Message.of(BODY));
                }
                p.sendAll(batch).toCompletableFuture().get(60, TimeUnit.SECONDS);
            }
            return rate(count, t0);
        }
    }
}
