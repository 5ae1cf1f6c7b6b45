package io.tributary.bench;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tributary.artemis.ArtemisConnections;
import io.tributary.stream.Consumer;
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
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * Benchmark harness (not a test: timings never fail the build). Starts the Artemis distribution as a separate
 * process on port 61786 and runs Tributary and raw JMS scenarios interleaved over repetitions, 1 KiB persistent
 * messages. Writes target/bench/results.json and target/bench/ratios.svg and prints a table of ratios.
 * Quick mode ({@code -Dbench.quick}): 1 repetition, small counts; otherwise 3 repetitions.
 */
class ThroughputBench {

    private static final int PORT = 61786;
    private static final int WINDOW = 1000;
    private static final int BATCH = 100;
    private static final byte[] BODY = new byte[1024];

    private final boolean quick = System.getProperty("bench.quick") != null
            && !"false".equals(System.getProperty("bench.quick"));
    private final int reps = quick ? 1 : 3;
    private final int count = quick ? 20_000 : 100_000;
    private final Map<String, List<Double>> rates = new LinkedHashMap<>();
    private ConnectionFactory factory;
    private int queueSeq;

    @Test
    void run() throws Exception {
        try (ArtemisProcess broker = ArtemisProcess.create("bench", PORT).start()) {
            factory = ArtemisConnections.connectionFactory(ArtemisConnections.withDefaults(broker.url()),
                    broker.user(), broker.password());
            warmUp();
            for (int rep = 0; rep < reps; rep++) {
                record("raw-jms", "produce-confirmed", rawConfirmed(queue()));
                record("tributary", "produce-confirmed", tributaryConfirmed(queue()));
                record("raw-jms", "produce-transacted", rawTransactedSend(queue()));
                record("tributary", "produce-transacted", tributarySendAll(queue()));
                String q1 = queue();
                rawTransactedSend(q1);
                record("raw-jms", "consume-transacted", rawConsume(q1));
                String q2 = queue();
                rawTransactedSend(q2);
                record("tributary", "consume-transacted", tributaryConsume(q2));
            }
        }
        Report report = new Report(rates, Runtime.getRuntime());
        Path dir = Paths.get("target", "bench");
        report.write(dir);
        System.out.println(report.table());
        assertTrue(Files.exists(dir.resolve("results.json")));
    }

    private void warmUp() throws Exception {
        String q = queue();
        rawTransactedSend(q);
        rawConsume(q);
        tributaryConfirmed(q);
        tributaryConsume(q);
    }

    private String queue() {
        return "bench" + (queueSeq++);
    }

    private void record(String system, String scenario, double rate) {
        rates.computeIfAbsent(system + "|" + scenario, k -> new ArrayList<>()).add(rate);
        System.out.printf(Locale.ROOT, "%-10s %-20s %,12.0f msg/s%n", system, scenario, rate);
    }

    private static double rate(int n, long startNanos) {
        return n / ((System.nanoTime() - startNanos) / 1e9);
    }

    private double rawConfirmed(String name) throws Exception {
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
                BytesMessage m = s.createBytesMessage();
                m.writeBytes(BODY);
                p.send(m, listener);
            }
            window.acquire(WINDOW);
            double r = rate(count, t0);
            if (failure.get() != null) {
                throw failure.get();
            }
            return r;
        }
    }

    private double rawTransactedSend(String name) throws Exception {
        try (Connection c = factory.createConnection()) {
            Session s = c.createSession(true, Session.SESSION_TRANSACTED);
            MessageProducer p = s.createProducer(s.createQueue(name));
            p.setDeliveryMode(DeliveryMode.PERSISTENT);
            long t0 = System.nanoTime();
            for (int i = 1; i <= count; i++) {
                BytesMessage m = s.createBytesMessage();
                m.writeBytes(BODY);
                p.send(m);
                if (i % BATCH == 0) {
                    s.commit();
                }
            }
            s.commit();
            return rate(count, t0);
        }
    }

    private double rawConsume(String name) throws Exception {
        try (Connection c = factory.createConnection()) {
            c.start();
            Session s = c.createSession(true, Session.SESSION_TRANSACTED);
            Queue q = s.createQueue(name);
            MessageConsumer mc = s.createConsumer(q);
            long t0 = System.nanoTime();
            for (int i = 1; i <= count; i++) {
                jakarta.jms.Message m = mc.receive(10_000);
                if (m == null) {
                    throw new IllegalStateException("raw consumer got only " + (i - 1) + " of " + count);
                }
                m.getBody(byte[].class);
                if (i % BATCH == 0) {
                    s.commit();
                }
            }
            s.commit();
            return rate(count, t0);
        }
    }

    private JmsStreams streams() {
        return new JmsStreams(factory, ProducerOptions.DEFAULTS.withMaxInFlight(WINDOW),
                ConsumerOptions.DEFAULTS.withBatchSize(BATCH), ".DLQ");
    }

    private double tributaryConfirmed(String name) throws Exception {
        try (JmsStreams streams = streams(); Producer p = streams.producer(name)) {
            List<CompletableFuture<Void>> last = new ArrayList<>();
            long t0 = System.nanoTime();
            for (int i = 0; i < count; i++) {
                var stage = p.send(Message.of(BODY));
                if (i >= count - WINDOW) {
                    last.add(stage.toCompletableFuture());
                }
            }
            CompletableFuture.allOf(last.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
            p.flush(Duration.ofSeconds(60));
            return rate(count, t0);
        }
    }

    private double tributarySendAll(String name) throws Exception {
        try (JmsStreams streams = streams(); Producer p = streams.producer(name)) {
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

    private double tributaryConsume(String name) throws Exception {
        try (JmsStreams streams = streams(); Consumer c = streams.consumer(name)) {
            int got = 0;
            long t0 = System.nanoTime();
            while (got < count) {
                List<Message> batch = c.receive(BATCH, Duration.ofSeconds(10));
                if (batch.isEmpty()) {
                    throw new IllegalStateException("tributary consumer got only " + got + " of " + count);
                }
                for (Message m : batch) {
                    c.ack(m);
                }
                got += batch.size();
            }
            return rate(count, t0);
        }
    }

}
