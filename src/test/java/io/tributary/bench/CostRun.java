package io.tributary.bench;

import io.tributary.artemis.ArtemisConnections;
import io.tributary.testing.ArtemisProcess;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSException;
import jakarta.jms.Session;
import org.apache.activemq.artemis.api.core.ActiveMQException;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.jms.client.ActiveMQSession;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The measuring frame of the cost bench mains ({@link ProducerCost}, {@link ConsumerCost}): one Artemis
 * distribution process on the port given as first argument, variants run on fresh queues and recorded
 * with their rate and the CPU time per message of this JVM and of the broker process (steadier than
 * rates on a machine shared with other work), each queue deleted after its variant so the broker never
 * pages, and a summary of medians with each variant's ratio to the baseline of its mode.
 *
 * <p>Arguments: {@code PORT [COUNT] [REPS] [ONLY]}: messages per variant (default 50,000),
 * repetitions (default 3), and a substring selecting the variants to run (default: all).
 * Variant names are {@code "MODE SYSTEM"}; the baseline of a mode is the variant {@code "MODE raw"}.
 */
final class CostRun implements AutoCloseable {

    /** One measured run on queue {@code queue}; returns messages per second. */
    @FunctionalInterface
    interface Variant {
        double rate(String queue) throws Exception;
    }

    /** Untimed preparation of a variant's queue (e.g. filling it). */
    @FunctionalInterface
    interface Preparation {
        void prepare(String queue) throws Exception;
    }

    private final ArtemisProcess broker;
    private final ConnectionFactory factory;
    private final int count;
    private final int reps;
    private final String only;
    private final Map<String, List<double[]>> results = new LinkedHashMap<>();
    private int queueSeq;

    /** Starts the broker instance {@code name} on the port of {@code args}. */
    CostRun(String name, String[] args) {
        if (args.length < 1) {
            throw new IllegalArgumentException("usage: PORT [COUNT] [REPS] [ONLY]");
        }
        count = args.length > 1 ? Integer.parseInt(args[1]) : 50_000;
        reps = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        only = args.length > 3 ? args[3] : "";
        broker = ArtemisProcess.create(name, Integer.parseInt(args[0])).start();
        factory = ArtemisConnections.connectionFactory(broker.url(), broker.user(), broker.password());
        System.out.println("broker pid " + broker.pid() + " (profile it with jcmd PID JFR.start)");
    }

    ConnectionFactory factory() {
        return factory;
    }

    int count() {
        return count;
    }

    int reps() {
        return reps;
    }

    /** Runs {@code run} once on a fresh queue without recording it (JIT warm-up). */
    void warmUp(Preparation prepare, Variant run) throws Exception {
        String queue = "cost" + (queueSeq++);
        prepare.prepare(queue);
        run.rate(queue);
        deleteQueue(queue);
    }

    void measure(String variant, Variant run) throws Exception {
        measure(variant, q -> { }, run);
    }

    /** Prepares a fresh queue, runs and records the variant (if selected), and deletes the queue. */
    void measure(String variant, Preparation prepare, Variant run) throws Exception {
        if (!variant.contains(only)) {
            return;
        }
        String queue = "cost" + (queueSeq++);
        prepare.prepare(queue);
        CpuClock cpu = CpuClock.start(broker.pid());
        double rate = run.rate(queue);
        CpuCost cost = cpu.perMessage(count);
        double clientMicros = cost.clientMicrosPerMsg();
        double brokerMicros = cost.brokerMicrosPerMsg();
        deleteQueue(queue);
        results.computeIfAbsent(variant, k -> new ArrayList<>()).add(new double[] {rate, clientMicros, brokerMicros});
        System.out.printf(Locale.ROOT, "%-28s %,10.0f msg/s  client %5.1f us/msg  broker %5.1f us/msg%n", variant,
                rate, clientMicros, brokerMicros);
    }

    /** Prints the median of each variant and its ratio to the baseline of its mode. */
    void summary() {
        System.out.println("\nvariant                      median msg/s   x raw (same mode)   client us/msg   broker us/msg");
        for (String variant : results.keySet()) {
            String baseline = variant.substring(0, variant.indexOf(' ')) + " raw";
            double raw = results.containsKey(baseline) ? median(baseline, 0) : Double.NaN;
            double rate = median(variant, 0);
            System.out.printf(Locale.ROOT, "%-28s %,12.0f   %17.2f   %13.1f   %13.1f%n", variant, rate, rate / raw,
                    median(variant, 1), median(variant, 2));
        }
    }

    private double median(String variant, int column) {
        List<Double> xs = new ArrayList<>();
        for (double[] r : results.get(variant)) {
            xs.add(r[column]);
        }
        xs.sort(null);
        int n = xs.size();
        return n % 2 == 1 ? xs.get(n / 2) : (xs.get(n / 2 - 1) + xs.get(n / 2)) / 2;
    }

    private void deleteQueue(String name) throws JMSException {
        try (Connection c = factory.createConnection()) {
            ActiveMQSession s = (ActiveMQSession) c.createSession(false, Session.AUTO_ACKNOWLEDGE);
            s.getCoreSession().deleteQueue(SimpleString.of(name));
        } catch (ActiveMQException e) {
            throw new IllegalStateException("cannot delete queue " + name + ": " + e, e);
        }
    }

    /** Stops the broker. */
    @Override
    public void close() {
        broker.close();
    }
}
