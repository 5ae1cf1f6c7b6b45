package io.tributary.eventstream.memory;

import io.tributary.eventstream.Cursor;
import io.tributary.eventstream.Event;
import io.tributary.eventstream.EventStream;
import io.tributary.eventstream.NewEvent;
import io.tributary.eventstream.RetainedRange;
import io.tributary.eventstream.Retention;
import io.tributary.eventstream.StreamIdentity;
import io.tributary.eventstream.Truncated;
import io.tributary.eventstream.support.AbstractEventStream;
import io.tributary.stream.StreamClosedException;
import io.tributary.stream.StreamException;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * An {@link EventStream} held in memory: the reference semantics.
 *
 * <p>One lock orders appends, so every append is atomic and all appends form one total order; an
 * append is "durable" for as long as the JVM runs and retention keeps it. Retention is applied on every
 * append, open and read: beyond {@link Retention#maxEvents()} the oldest events are dropped, and with
 * {@link Retention#maxAge()} so are events that joined longer ago than that (by the stream's clock).
 * Waiting cursors are woken by appends and by closing. Thread safe.
 */
public final class MemoryEventStream extends AbstractEventStream {

    private final Clock clock;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final EventLog log;
    private final Set<MemoryCursor> cursors = ConcurrentHashMap.newKeySet();
    private boolean closed;

    /** An empty stream on the system clock. */
    public MemoryEventStream(StreamIdentity identity, Set<String> eventTypes, Retention retention) {
        this(identity, eventTypes, retention, Clock.systemUTC());
    }

    /** An empty stream whose timestamps and age retention follow {@code clock}. */
    public MemoryEventStream(StreamIdentity identity, Set<String> eventTypes, Retention retention, Clock clock) {
        super(identity, eventTypes, retention);
        this.clock = clock;
        this.log = new EventLog((int) retention.maxEvents());
    }

    @Override
    public void append(List<NewEvent> events) {
        List<NewEvent> checked = types().checkAppend(events);
        lock.lock();
        try {
            ensureOpen();
            Instant now = clock.instant();
            for (NewEvent event : checked) {
                log.add(event.at(log.end(), now));
            }
            dropExpired(now);
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public Cursor open(long offset, Set<String> filter) {
        Set<String> checked = types().checkOpen(offset, filter);
        lock.lock();
        try {
            ensureOpen();
            dropExpired(clock.instant());
            if (offset < log.start()) {
                throw new Truncated(identity(), offset, log.start());
            }
            MemoryCursor cursor = new MemoryCursor(this, offset, checked);
            cursors.add(cursor);
            return cursor;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void close() {
        lock.lock();
        try {
            closed = true;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        cursors.forEach(MemoryCursor::shutdown);
    }

    @Override
    public long head() {
        lock.lock();
        try {
            ensureOpen();
            return log.end();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public RetainedRange retained() {
        lock.lock();
        try {
            ensureOpen();
            dropExpired(clock.instant());
            return new RetainedRange(log.start(), log.end());
        } finally {
            lock.unlock();
        }
    }

    /** The retained event at or after {@code from}, waiting for one until {@code deadline}; null if none came. */
    Event read(MemoryCursor cursor, long from, Instant deadline) {
        lock.lock();
        try {
            while (!cursor.isClosed()) {
                dropExpired(clock.instant());
                if (from < log.end()) {
                    return log.get(Math.max(from, log.start()));
                }
                long nanos = Duration.between(Instant.now(), deadline).toNanos();
                if (nanos <= 0) {
                    return null;
                }
                changed.awaitNanos(nanos);
            }
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StreamException("event stream " + identity() + ": interrupted while waiting for events");
        } finally {
            lock.unlock();
        }
    }

    /** Forgets a closed cursor and wakes it if it is waiting. */
    void closed(MemoryCursor cursor) {
        cursors.remove(cursor);
        lock.lock();
        try {
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private void dropExpired(Instant now) {
        if (retention().maxAge().isEmpty()) {
            return;
        }
        Instant cutoff = now.minus(retention().maxAge().get());
        while (!log.isEmpty() && log.get(log.start()).timestamp().isBefore(cutoff)) {
            log.dropFirst();
        }
    }

    private void ensureOpen() {
        if (closed) {
            throw new StreamClosedException("event stream " + identity() + " is closed");
        }
    }
}
