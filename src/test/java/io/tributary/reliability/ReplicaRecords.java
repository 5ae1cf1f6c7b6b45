package io.tributary.reliability;

import io.tributary.eventstream.BackoffStrategy;
import io.tributary.eventstream.ExponentialBackoff;
import io.tributary.stream.Consumer;
import io.tributary.stream.Message;
import io.tributary.testing.Deadlines;
import it.io.tributary.replica.Record;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * Reads what the replicas of {@link ReplicasIT} record ({@link Record#STREAM}) on a thread of its own, from
 * {@link #start} to {@link #close}, acking each record once it is kept here: a record is never lost; a
 * results message delivered to this reader again (same message id) is kept once, so every duplicate
 * counted is a replica recording the same work twice. Each record is kept with the time it arrived here. A message that is
 * not a record is kept aside (never thrown). Thread-safe; {@link #close} waits at most 10 s for the thread.
 */
final class ReplicaRecords implements AutoCloseable {

    /** A record and when it arrived, from {@link System#nanoTime()}. */
    record Arrival(Record record, long nanos) {
    }

    private final Consumer consumer;
    private final List<Arrival> arrivals = new ArrayList<>();
    private final List<String> strangers = new ArrayList<>();
    private final Set<String> seen = new HashSet<>();
    private final Thread reader;
    private final BackoffStrategy backoff = new ExponentialBackoff(Duration.ofMillis(50), Duration.ofSeconds(1));
    private int failures;
    private volatile boolean running = true;

    private ReplicaRecords(Consumer consumer) {
        this.consumer = consumer;
        this.reader = new Thread(this::read, "replica-records");
        reader.setDaemon(true);
    }

    /** Starts reading from {@code consumer} (of {@link Record#STREAM}), which this object closes. */
    static ReplicaRecords start(Consumer consumer) {
        ReplicaRecords records = new ReplicaRecords(consumer);
        records.reader.start();
        return records;
    }

    /** The records of {@code kind} kept so far, in the order they arrived. */
    synchronized List<Arrival> of(String kind) {
        return arrivals.stream().filter(a -> a.record().kind().equals(kind)).toList();
    }

    /** Messages on the results stream that were not records. */
    synchronized List<String> strangers() {
        return List.copyOf(strangers);
    }

    /** Waits until the records of {@code kind} satisfy {@code done}; fails naming {@code what} after {@code deadline}. */
    void await(String kind, Predicate<List<Arrival>> done, Duration deadline, String what) throws InterruptedException {
        Deadlines.await(() -> done.test(of(kind)), deadline, what);
    }

    @Override
    public void close() {
        running = false;
        try {
            reader.join(TimeUnit.SECONDS.toMillis(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            consumer.close();
        }
    }

    private void read() {
        while (running) {
            try {
                for (Message m : consumer.receive(500, Duration.ofMillis(200))) {
                    keep(m);
                    consumer.ack(m);
                }
                failures = 0;
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                backOff();
            }
        }
    }

    private synchronized void keep(Message m) {
        if (!seen.add(m.id())) {
            return;
        }
        try {
            arrivals.add(new Arrival(Record.parse(m.text()), System.nanoTime()));
        } catch (RuntimeException e) {
            strangers.add(m.id() + ": " + e.getMessage());
        }
    }

    /** Waits before the next receive after a failure (a failover, a broker restart), longer each time, 1 s at most. */
    private void backOff() {
        try {
            Thread.sleep(backoff.delay(++failures).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }
}
