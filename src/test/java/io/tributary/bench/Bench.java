package io.tributary.bench;

import io.tributary.artemis.ArtemisConnections;
import io.tributary.stream.ConsumerOptions;
import io.tributary.stream.ProducerOptions;
import io.tributary.stream.jms.JmsStreams;
import io.tributary.testing.ArtemisProcess;
import jakarta.jms.BytesMessage;
import jakarta.jms.ConnectionFactory;
import java.util.OptionalDouble;
import java.util.regex.Pattern;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;

/**
 * The fixture every {@link Scenario} shares on one broker of the run: the broker's name in the results, the
 * broker (the Artemis distribution as a process), a connection
 * factory with the same client settings for every system ({@code confirmationWindowSize} set, so async sends
 * are confirmed), the message count of this mode, fresh queue names (destroyed again by {@link #cleanUp()} after
 * each scenario) and filling a queue. Messages are
 * {@value #BODY_BYTES}-byte persistent bytes messages; batches are {@value #BATCH}; the confirmed-send window is
 * {@value #WINDOW}. Used by one thread (the harness) at a time.
 */
final class Bench {

    /** Messages in flight (sent, not yet confirmed) for the confirmed producers. */
    static final int WINDOW = 1_000;
    /** Messages per transaction for the batching producers and consumers. */
    static final int BATCH = 100;
    /** Size of every message body. */
    static final int BODY_BYTES = 1_024;
    /** The Artemis client's default producer window, in bytes. */
    static final int ARTEMIS_PRODUCER_WINDOW = 65_536;

    /** The names {@link #freshQueue()} hands out, and the queues Tributary declares for them. */
    private static final Pattern QUEUE_NAME = Pattern.compile("(tributary\\.events\\.bench\\.)?bench[0-9]+([^0-9].*)?");
    /** Messages still on the broker after a clean-up above this are reported. */
    private static final long LEFT_OVER_WARNING_BYTES = 16L << 20;

    private final String name;
    private final ArtemisProcess broker;
    private final ActiveMQConnectionFactory factory;
    private final QueueAdmin admin;
    private final Results results;
    private final boolean quick;
    private final int count;
    private int queues;

    Bench(String name, ArtemisProcess broker, ActiveMQConnectionFactory factory, Results results, boolean quick,
          int count) {
        this.name = name;
        this.broker = broker;
        this.factory = factory;
        this.admin = new QueueAdmin(factory);
        this.results = results;
        this.quick = quick;
        this.count = count;
    }

    /** The same fixture with {@code count / divisor} messages per scenario (for warming up). */
    Bench scaledDown(int divisor) {
        Bench smaller = new Bench(name, broker, factory, results, quick, Math.max(1, count / divisor));
        smaller.queues = queues + 100_000;
        return smaller;
    }

    /** The broker's name in the results, e.g. {@code nio-no-autotune}. */
    String name() {
        return name;
    }

    ArtemisProcess broker() {
        return broker;
    }

    ConnectionFactory factory() {
        return factory;
    }

    /** Everything measured so far in this run (e.g. for rates relative to a measured maximum). */
    Results results() {
        return results;
    }

    /** The median rate measured so far on this broker for a system and scenario, if any. */
    OptionalDouble median(String system, String scenario) {
        return results.median(name, system, scenario);
    }

    /** Quick mode: fewer messages and repetitions. */
    boolean quick() {
        return quick;
    }

    /** Messages per scenario repetition in this mode. */
    int count() {
        return count;
    }

    /** Management of this broker's queues. */
    QueueAdmin admin() {
        return admin;
    }

    /** A queue name not used before in this run. */
    String freshQueue() {
        return "bench" + (queues++);
    }

    /**
     * Destroys every queue handed out by {@link #freshQueue()} that is on the broker, with the queues Tributary
     * declared beside it, and their messages ({@link QueueAdmin#destroyAll}).
     */
    void cleanUp() {
        admin.destroyAll(QUEUE_NAME, LEFT_OVER_WARNING_BYTES);
    }

    /** A fresh queue holding {@code n} messages, sent by raw JMS in transactions of {@value #BATCH}. */
    String filledQueue(int n) throws Exception {
        String queue = freshQueue();
        RawJms.transactedSend(factory, queue, n, BATCH, bytesMessages());
        return queue;
    }

    /** Work whose rate {@link #costed} measures. */
    @FunctionalInterface
    interface Timed {
        Measurement run() throws Exception;
    }

    /**
     * Runs {@code work}, which sends or receives {@code messages} messages and measures its own rate, and adds the
     * CPU time per message this JVM and the broker process spent while it ran (set-up inside {@code work}, such as
     * opening a connection, included).
     */
    Measurement costed(long messages, Timed work) throws Exception {
        CpuClock clock = CpuClock.start(broker.pid());
        return work.run().withCost(clock.perMessage(messages));
    }

    /**
     * A connection factory like {@link #factory()} but with Artemis' own producer window (64 KiB) instead of the
     * larger one Tributary's client defaults set: raw JMS as a user who sets only {@code confirmationWindowSize}
     * writes it. The caller closes it.
     */
    ActiveMQConnectionFactory artemisWindowFactory() {
        return ArtemisConnections.connectionFactory(broker.url() + "&producerWindowSize=" + ARTEMIS_PRODUCER_WINDOW,
                broker.user(), broker.password());
    }

    /** A new {@value #BODY_BYTES}-byte body. */
    static byte[] body() {
        return new byte[BODY_BYTES];
    }

    /** Makes plain {@value #BODY_BYTES}-byte bytes messages, as raw JMS sends them. */
    static RawJms.MessageMaker bytesMessages() {
        byte[] body = body();
        return session -> {
            BytesMessage m = session.createBytesMessage();
            m.writeBytes(body);
            return m;
        };
    }

    /** Tributary's JMS streams on this broker: window {@value #WINDOW}, the given consumer options. */
    JmsStreams streams(ConsumerOptions consumerOptions) {
        return new JmsStreams(factory, ProducerOptions.DEFAULTS.withMaxInFlight(WINDOW), consumerOptions, ".DLQ");
    }

    /** Tributary's JMS streams with batches of {@value #BATCH}. */
    JmsStreams streams() {
        return streams(ConsumerOptions.DEFAULTS.withBatchSize(BATCH));
    }
}
