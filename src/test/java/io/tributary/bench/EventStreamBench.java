package io.tributary.bench;

import io.tributary.eventstream.Cursor;
import io.tributary.eventstream.Event;
import io.tributary.eventstream.EventStream;
import io.tributary.eventstream.NewEvent;
import io.tributary.eventstream.Retention;
import io.tributary.eventstream.StreamIdentity;
import io.tributary.eventstream.jms.JmsEventStream;
import io.tributary.eventstream.memory.MemoryEventStream;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.server.JournalType;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Event-stream benchmark (not a test): append and replay rates, and the cost of opening at a large
 * offset, for the in-memory stream and the JMS stream on an embedded broker (persistent journal, in-VM).
 *
 * <p>Run: {@code mvn -q -o test-compile exec:java}-free, e.g.
 * {@code java -cp target/classes:target/test-classes:$(mvn -q -o dependency:build-classpath -Dmdep.outputFile=/dev/stdout)
 * io.tributary.bench.EventStreamBench [memoryEvents] [jmsEvents]} (defaults 1,000,000 and 100,000).
 */
public final class EventStreamBench {

    private static final String TYPE = "bench.event";
    private static final Set<String> TYPES = Set.of(TYPE);
    private static final int BATCH = 100;
    private static final int THREADS = 8;
    private static final Logger QUIET = Logger.getLogger("org.apache.activemq");

    private EventStreamBench() {
    }

    public static void main(String[] args) throws Exception {
        int memoryEvents = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int jmsEvents = args.length > 1 ? Integer.parseInt(args[1]) : 100_000;
        QUIET.setLevel(Level.WARNING);
        try (EventStream memory = new MemoryEventStream(new StreamIdentity("bench", "memory"), TYPES,
                Retention.ofCount(memoryEvents))) {
            run("memory", memory, memoryEvents, 100_000);
        }
        Path dir = Files.createTempDirectory("tributary-bench");
        EmbeddedActiveMQ broker = new EmbeddedActiveMQ().setConfiguration(new ConfigurationImpl()
                .setPersistenceEnabled(true).setSecurityEnabled(false).setJournalType(JournalType.NIO)
                .setJournalDirectory(dir.resolve("journal").toString())
                .setBindingsDirectory(dir.resolve("bindings").toString())
                .setPagingDirectory(dir.resolve("paging").toString())
                .setLargeMessagesDirectory(dir.resolve("large").toString())
                .addAcceptorConfiguration("in-vm", "vm://77"));
        broker.start();
        try (EventStream jms = new JmsEventStream(new ActiveMQConnectionFactory("vm://77"),
                new StreamIdentity("bench", "jms"), TYPES, Retention.ofCount(jmsEvents))) {
            run("jms", jms, jmsEvents, 2_000);
        } finally {
            broker.stop();
        }
    }

    private static void run(String name, EventStream stream, int events, int singles) throws Exception {
        NewEvent event = NewEvent.of(TYPE, new byte[64]);
        long start = System.nanoTime();
        for (int i = 0; i < singles; i++) {
            stream.append(event);
        }
        report(name, "append, 1 event per call", singles, start);
        start = System.nanoTime();
        appendConcurrently(stream, event, singles);
        report(name, "append, 1 event per call, " + THREADS + " threads", singles, start);
        List<NewEvent> batch = new ArrayList<>();
        for (int i = 0; i < BATCH; i++) {
            batch.add(event);
        }
        start = System.nanoTime();
        for (int i = 2 * singles; i < events; i += BATCH) {
            stream.append(batch);
        }
        report(name, "append, " + BATCH + " events per call", events - 2 * singles, start);
        start = System.nanoTime();
        readUntil(stream, events - 1, 1);
        report(name, "sequenced (visible to cursors) after appends returned", 0, start);
        start = System.nanoTime();
        readUntil(stream, 0, events);
        report(name, "replay from offset 0", events, start);
        start = System.nanoTime();
        readUntil(stream, events - 1_000, 1);
        report(name, "open at offset " + (events - 1_000) + " + first event", 0, start);
        start = System.nanoTime();
        readUntil(stream, events - 1_000, 1_000);
        report(name, "open at offset " + (events - 1_000) + " + read 1,000", 1_000, start);
    }

    private static void appendConcurrently(EventStream stream, NewEvent event, int count) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                done.add(pool.submit(() -> {
                    for (int i = 0; i < count / THREADS; i++) {
                        stream.append(event);
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
    }

    private static void readUntil(EventStream stream, long from, int count) {
        try (Cursor cursor = stream.open(from, TYPES)) {
            for (int i = 0; i < count; i++) {
                Optional<Event> e = cursor.next(Duration.ofMinutes(2));
                if (e.isEmpty()) {
                    throw new IllegalStateException("no event at " + (from + i) + " within 2 minutes");
                }
            }
        }
    }

    private static void report(String stream, String what, int events, long startNanos) {
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        System.out.printf("%-7s %-55s %10.1f ms%s%n", stream, what, seconds * 1000,
                events > 0 ? String.format(" %,12.0f events/s", events / seconds) : "");
    }
}
