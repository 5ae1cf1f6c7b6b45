package io.tributary.reliability;

import io.tributary.stream.jms.ConnectionState;
import io.tributary.stream.jms.JmsStreams;
import java.util.ArrayList;
import java.util.List;

/**
 * Watches the connection state of a {@link JmsStreams} (what {@code BrokerReadiness} reports: UP only
 * when {@link ConnectionState#CONNECTED}) from its own thread, every 5 ms, and keeps each change with
 * its time. {@link #close} stops the thread. Thread safety: the change list is synchronized.
 */
final class ReadinessLog implements AutoCloseable {

    private static final long POLL_MILLIS = 5;

    private final JmsStreams streams;
    private final long started = System.nanoTime();
    private final List<String> changes = new ArrayList<>();
    private final Thread watcher;
    private int outages;
    private long restoredNanos;

    ReadinessLog(JmsStreams streams) {
        this.streams = streams;
        this.watcher = new Thread(this::watch, "readiness-log");
        watcher.setDaemon(true);
        watcher.start();
    }

    /** How many times the state left CONNECTED (readiness went DOWN). */
    synchronized int outages() {
        return outages;
    }

    /** When the state last became CONNECTED again after an outage ({@link System#nanoTime()}), 0 if never. */
    synchronized long restoredNanos() {
        return restoredNanos;
    }

    /** Each change as {@code STATE@ms since start}. */
    synchronized String transitions() {
        return changes.toString();
    }

    @Override
    public void close() throws InterruptedException {
        watcher.interrupt();
        watcher.join(1_000);
    }

    private void watch() {
        ConnectionState last = null;
        while (!Thread.currentThread().isInterrupted()) {
            ConnectionState now = streams.connectionState();
            if (now != last) {
                record(last, now);
                last = now;
            }
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private synchronized void record(ConnectionState from, ConnectionState to) {
        if (from == ConnectionState.CONNECTED) {
            outages++;
        } else if (from != null && to == ConnectionState.CONNECTED) {
            restoredNanos = System.nanoTime();
        }
        changes.add(to + "@" + (System.nanoTime() - started) / 1_000_000 + "ms");
    }
}
