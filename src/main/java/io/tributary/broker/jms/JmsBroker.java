package io.tributary.broker.jms;

import io.tributary.broker.Broker;
import io.tributary.broker.BrokerClosedException;
import io.tributary.broker.BrokerConfig;
import io.tributary.broker.BrokerConsumer;
import io.tributary.broker.BrokerException;
import io.tributary.broker.BrokerProducer;
import io.tributary.broker.BufferConfig;
import io.tributary.broker.Eventer;
import io.tributary.broker.ProducerConfig;
import io.tributary.broker.support.Callbacks;
import io.tributary.stream.ConsumerOptions;
import io.tributary.stream.Message;
import io.tributary.stream.ProducerOptions;
import io.tributary.stream.StreamName;
import io.tributary.stream.jms.ConnectionSupervisor;
import io.tributary.stream.jms.JmsStreams;
import io.tributary.stream.jms.Reopening;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSException;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.logging.Logger;

/**
 * A {@link Broker} of messages over one Artemis queue named after the broker.
 *
 * <p><b>Publishing</b> is a confirmed send through the message-stream producer: {@code publish} returns
 * once the broker durably accepted the event (with its id as duplicate-detection id, so an id is routed
 * once: publish new messages, not the same one twice), and fails after the producer options'
 * {@link ProducerOptions#confirmTimeout() confirm timeout}. <b>The buffer</b> is this instance's
 * {@link AckLedger}: at most {@link BufferConfig#capacity()} events published here and not yet released
 * (acked or dropped, in publish order); {@code publish} waits beyond it, at most the producer options'
 * {@link ProducerOptions#sendTimeout() send timeout} (then it throws a {@link BrokerException} naming
 * the capacity), {@code tryPublish} returns false.
 *
 * <p><b>Consuming</b>: {@code get(n)} receives up to n messages in a transacted session; {@code ack}
 * sends an ack notice listing their ids to the topic {@code <name>.acks} and commits, in one transaction.
 * Acks of this instance's consumers are applied at once; every instance hears the others' through the
 * topic, so ACK callbacks fire wherever the events were published, in publish order. A consumer that
 * closes, or a process that dies, with a batch un-acked has its transaction rolled back: the broker
 * delivers the batch again. Messages that cannot be read (foreign JMS types) are moved to
 * {@code <name>.DLQ}.
 *
 * <p><b>Cancel with dropOnCancel</b> removes this producer's pending events that are still on the queue
 * (a transacted receive by id selector); events delivered to a consumer are not visible to it and stay.
 *
 * <p><b>Connection.</b> Consumers, the dropper and the ack notices share one connection kept alive by a
 * {@link ConnectionSupervisor}: when the Artemis client gives up reconnecting, the supervisor re-creates
 * it with backoff, and the next {@code get} and the ack-notice listener open new sessions on it (a batch
 * taken on the old connection can no longer be acked: its ack throws and the broker delivers it again).
 * Ack notices travel on a durable subscription per instance (see {@link AckNotices}), so none is lost
 * across a reconnect.
 *
 * <p><b>Closing</b> refuses publishes, closes the producers (waiting for their confirmations) and lets
 * the open consumers drain; the JMS connection closes with the last of them. Everything accepted stays on
 * the queue. Thread safety: safe for many threads.
 */
public final class JmsBroker implements Broker<Message> {

    private static final Logger LOG = Logger.getLogger(JmsBroker.class.getName());

    private final String name;
    private final BufferConfig buffer;
    private final Eventer eventer;
    private final AckLedger ledger;
    private final JmsStreams streams;
    private final ConnectionSupervisor supervisor;
    private final AckNotices notices;
    private final Reopening<Dropper> dropper;
    private final Object reportOrder = new Object();
    private final Set<JmsBrokerConsumer> consumers = new HashSet<>();
    private volatile boolean closed;
    private boolean released;

    /**
     * Connects a broker over the queue {@code config.name()}.
     *
     * @throws IllegalArgumentException if the name is not a valid stream name
     * @throws BrokerException          if the broker cannot be reached
     */
    public JmsBroker(ConnectionFactory factory, BrokerConfig config, Eventer eventer) {
        this(factory, config, eventer, ProducerOptions.DEFAULTS);
    }

    /**
     * Connects a broker over the queue {@code config.name()} whose publishes follow {@code producerOptions}
     * (in-flight window, how long a publish waits for buffer room and for the broker's confirmation).
     *
     * @throws IllegalArgumentException if the name is not a valid stream name
     * @throws BrokerException          if the broker cannot be reached
     */
    public JmsBroker(ConnectionFactory factory, BrokerConfig config, Eventer eventer, ProducerOptions producerOptions) {
        Objects.requireNonNull(factory, "factory must not be null");
        this.name = StreamName.check(Objects.requireNonNull(config, "config must not be null").name());
        this.buffer = config.buffer();
        this.eventer = Objects.requireNonNull(eventer, "eventer must not be null (use Eventer.NONE)");
        Objects.requireNonNull(producerOptions, "producerOptions must not be null");
        this.ledger = new AckLedger(name, buffer.capacity(), producerOptions.sendTimeout());
        this.streams = new JmsStreams(factory, producerOptions, ConsumerOptions.DEFAULTS, ".DLQ");
        this.supervisor = new ConnectionSupervisor(factory, JmsStreams.DEFAULT_RECONNECT_BACKOFF);
        try {
            supervisor.connect();
            dropper = new Reopening<>(supervisor, "dropper of broker '" + name + "'", c -> new Dropper(c, name));
            notices = new AckNotices(supervisor, name, this::acked);
        } catch (JMSException | RuntimeException e) {
            streams.close();
            supervisor.close();
            throw new BrokerException("broker '" + name + "' cannot connect: " + e, e);
        }
        LOG.info(() -> "JMS broker '" + name + "' connected (capacity " + buffer.capacity() + ")");
    }

    @Override
    public BrokerProducer<Message> producer(ProducerConfig<? super Message> config) {
        Objects.requireNonNull(config, "config must not be null");
        checkOpen();
        return new JmsBrokerProducer(this, streams.producer(name), config,
                streams.defaultProducerOptions().confirmTimeout());
    }

    /** A new consumer; also after {@link #close()}, to drain, as long as another consumer is still open. */
    @Override
    public synchronized BrokerConsumer<Message> consumer() {
        if (released) {
            throw new BrokerClosedException("broker '" + name + "' is closed and its last consumer closed");
        }
        JmsBrokerConsumer consumer = new JmsBrokerConsumer(this, supervisor);
        consumers.add(consumer);
        return consumer;
    }

    @Override
    public BufferConfig bufferConfig() {
        return buffer;
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        ledger.close();
        streams.close();
        LOG.info(() -> "JMS broker '" + name + "' closed: publishing refused, open consumers may drain the queue");
        releaseIfIdle();
    }

    String name() {
        return name;
    }

    boolean isClosed() {
        return closed;
    }

    AckLedger ledger() {
        return ledger;
    }

    AckNotices notices() {
        return notices;
    }

    /** Reports acked events: those of this instance's producers to their callbacks, all to the eventer. */
    void acked(List<String> ids) {
        synchronized (reportOrder) {
            report(ledger.acked(ids));
            Callbacks.acked(name, eventer, ids.size());
        }
    }

    /** Cancels a producer and, if it drops on cancel, removes its pending events still on the queue. */
    int cancel(JmsBrokerProducer producer) {
        if (!producer.markCancelled()) {
            return 0;
        }
        ledger.wakeAll();
        producer.closeSender();
        if (!producer.config().dropOnCancel()) {
            return 0;
        }
        List<String> removed = dropper.current().remove(ledger.pendingIds(producer));
        List<Message> events = ledger.events(removed);
        synchronized (reportOrder) {
            report(ledger.dropped(removed));
        }
        for (Message event : events) {
            Callbacks.dropped(name, producer.config().onDrop(), event);
        }
        return events.size();
    }

    synchronized void consumerClosed(JmsBrokerConsumer consumer) {
        consumers.remove(consumer);
        releaseIfIdle();
    }

    private void report(List<AckLedger.Run> runs) {
        for (AckLedger.Run run : runs) {
            Callbacks.acked(name, run.owner().config().onAck(), run.count());
        }
    }

    private synchronized void releaseIfIdle() {
        if (closed && consumers.isEmpty() && !released) {
            released = true;
            notices.close();
            dropper.close();
            supervisor.close();
        }
    }

    private void checkOpen() {
        if (closed) {
            throw new BrokerClosedException("broker '" + name + "' is closed");
        }
    }
}
