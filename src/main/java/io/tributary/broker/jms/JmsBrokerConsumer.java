package io.tributary.broker.jms;

import io.tributary.stream.jms.Sessions;
import io.tributary.broker.Batch;
import io.tributary.broker.BrokerClosedException;
import io.tributary.broker.BrokerConsumer;
import io.tributary.broker.BrokerException;
import io.tributary.broker.support.EmptyBatch;
import io.tributary.broker.support.Timeouts;
import io.tributary.stream.Message;
import io.tributary.stream.jms.JmsMessages;
import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.logging.Logger;

/**
 * A consumer of a {@link JmsBroker}. Each open batch owns a transacted session (a transaction is the
 * batch); sessions are pooled, at most {@value #MAX_OPEN_BATCHES} per consumer. A get opens a JMS consumer
 * for the receive only, so no message waits prefetched in an idle consumer, invisible to others.
 *
 * <p>Thread safety: get, ack and close are serialized by a lock; close first flags the consumer so a
 * waiting get gives up within {@value #POLL_MILLIS} ms.
 */
final class JmsBrokerConsumer implements BrokerConsumer<Message> {

    /** The most un-acked batches one consumer holds. */
    static final int MAX_OPEN_BATCHES = 16;
    private static final long POLL_MILLIS = 200;
    private static final Logger LOG = Logger.getLogger(JmsBrokerConsumer.class.getName());

    private final JmsBroker broker;
    private final Connection connection;
    private final ReentrantLock lock = new ReentrantLock();
    private final ArrayDeque<Session> idle = new ArrayDeque<>();
    private final Set<JmsBatch> open = new LinkedHashSet<>();
    private volatile boolean closed;

    JmsBrokerConsumer(JmsBroker broker, Connection connection) {
        this.broker = broker;
        this.connection = connection;
    }

    @Override
    public Batch<Message> get(int n) throws InterruptedException {
        return take(n, -1);
    }

    @Override
    public Batch<Message> get(int n, Duration timeout) throws InterruptedException {
        return take(n, Timeouts.nanos(timeout));
    }

    /** Takes a batch; a session whose receive failed or was interrupted is closed, returning what it received. */
    private Batch<Message> take(int n, long nanos) throws InterruptedException {
        int size = broker.bufferConfig().batchSize(n);
        lock.lockInterruptibly();
        try {
            checkOpen();
            if (open.size() >= MAX_OPEN_BATCHES) {
                throw new IllegalStateException("this consumer of broker '" + broker.name() + "' holds "
                        + open.size() + " un-acked batches, the most allowed: ack one before getting another");
            }
            Session session = idle.isEmpty() ? connection.createSession(true, Session.SESSION_TRANSACTED) : idle.pop();
            List<Message> events;
            try {
                events = receive(session, size, nanos);
            } catch (JMSException | InterruptedException | RuntimeException e) {
                closeQuietly(session);
                throw e;
            }
            if (events.isEmpty()) {
                idle.push(session);
                if (broker.isClosed()) {
                    throw new BrokerClosedException("broker '" + broker.name() + "' is closed and its queue is empty");
                }
                return EmptyBatch.instance();
            }
            JmsBatch batch = new JmsBatch(this, session, Collections.unmodifiableList(events));
            open.add(batch);
            return batch;
        } catch (JMSException e) {
            throw new BrokerException("broker '" + broker.name() + "': receiving failed: " + e, e);
        } finally {
            lock.unlock();
        }
    }

    private List<Message> receive(Session session, int size, long nanos) throws JMSException, InterruptedException {
        List<Message> events = new ArrayList<>();
        boolean deadLettered = false;
        try (MessageConsumer consumer = session.createConsumer(session.createQueue(broker.name()))) {
            jakarta.jms.Message m = first(consumer, nanos);
            for (; m != null; m = events.size() < size ? consumer.receiveNoWait() : null) {
                JmsMessages.Decoded read = JmsMessages.decode(m, broker.name());
                if (read.readable()) {
                    events.add(read.message());
                } else {
                    deadLetter(session, m, read.refusal());
                    deadLettered = true;
                }
            }
        }
        if (events.isEmpty() && deadLettered) {
            session.commit();
        }
        return events;
    }

    private jakarta.jms.Message first(MessageConsumer consumer, long nanos) throws JMSException, InterruptedException {
        long deadline = System.nanoTime() + nanos;
        while (true) {
            checkOpen();
            if (Thread.interrupted()) {
                throw new InterruptedException("interrupted while waiting for events of broker '" + broker.name() + "'");
            }
            long left = nanos < 0 ? TimeUnit.MILLISECONDS.toNanos(POLL_MILLIS) : deadline - System.nanoTime();
            long millis = Math.min(POLL_MILLIS, TimeUnit.NANOSECONDS.toMillis(left));
            jakarta.jms.Message m = millis > 0 ? consumer.receive(millis) : consumer.receiveNoWait();
            if (m != null || millis <= 0 || broker.isClosed()) {
                return m;
            }
        }
    }

    private void deadLetter(Session session, jakarta.jms.Message m, String reason) throws JMSException {
        String dlq = broker.name() + ".DLQ";
        LOG.warning(() -> "broker '" + broker.name() + "': a message that cannot be read moves to " + dlq + ": "
                + reason);
        try (MessageProducer producer = session.createProducer(session.createQueue(dlq))) {
            producer.send(JmsMessages.deadLetter(session, m, broker.name(), reason));
        }
    }

    /** Acks a batch: the ack notice and the commit in one transaction, then the acks are reported. */
    void ack(JmsBatch batch) {
        lock.lock();
        try {
            batch.settle();
            List<String> ids = batch.events().stream().map(Message::id).toList();
            try {
                broker.notices().write(batch.session(), ids);
                batch.session().commit();
            } catch (JMSException e) {
                open.remove(batch);
                batch.returned();
                closeQuietly(batch.session());
                throw new BrokerException("broker '" + broker.name() + "': acking " + ids.size() + " events failed;"
                        + " the batch will be delivered again: " + e, e);
            }
            open.remove(batch);
            idle.push(batch.session());
            broker.acked(ids);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void close() {
        closed = true;
        lock.lock();
        try {
            for (JmsBatch batch : open) {
                batch.returned();
                closeQuietly(batch.session());
            }
            open.clear();
            idle.forEach(this::closeQuietly);
            idle.clear();
        } finally {
            lock.unlock();
        }
        broker.consumerClosed(this);
    }

    private void checkOpen() {
        if (closed) {
            throw new BrokerClosedException("this consumer of broker '" + broker.name() + "' is closed");
        }
    }

    private void closeQuietly(Session session) {
        Sessions.close(session, "a consumer of broker '" + broker.name() + "'");
    }
}
