package io.tributary.stream.jms;

import io.tributary.eventstream.BackoffStrategy;
import io.tributary.eventstream.ExponentialBackoff;
import io.tributary.stream.Consumer;
import io.tributary.stream.ConsumerOptions;
import io.tributary.stream.Producer;
import io.tributary.stream.ProducerOptions;
import io.tributary.stream.Store;
import io.tributary.stream.StreamClosedException;
import io.tributary.stream.StreamException;
import io.tributary.stream.StreamName;
import io.tributary.stream.Streams;
import io.tributary.stream.Subscription;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.InvalidClientIDException;
import jakarta.jms.JMSException;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Pattern;

/**
 * {@link Streams} over ActiveMQ Artemis through JMS: each stream is a durable anycast queue of the
 * same name (created by the broker on first use), and the dead letters of stream {@code s} go to the
 * queue {@code s + deadLetterSuffix}.
 *
 * <p>A topic is a multicast address of the same name; a {@link Subscription} is a JMS 2 shared
 * subscription on it (see {@link #subscriber}).
 *
 * <p>One JMS connection, kept alive by a {@link ConnectionSupervisor}, is shared; every producer, consumer
 * and store has sessions of its own. The connection factory decides durability of sends: it must set
 * {@code confirmationWindowSize} (see {@link io.tributary.artemis.ArtemisConnections}); producers whose options
 * ask for {@link io.tributary.stream.GroupCommit group commit} send in transactions instead. The message size
 * limit of the default producer options ({@code tributary.message.max-bytes}) also bounds what consumers
 * accept: a larger body sent by a foreign JMS client is dead-lettered with a reason, never read.
 *
 * <p><b>Reconnection.</b> While the Artemis client reconnects by itself, producers and consumers keep
 * their sessions. When the supervisor had to re-create the connection (the client gave up, or the first
 * connect was refused), producers and consumers open new sessions on the new one at their next call; until
 * then calls fail with a {@link StreamException} naming the {@link #connectionState() state}. Stores
 * and {@link #backlog} use the live connection when called.
 *
 * <p>Thread safety: safe for many threads. {@link #close()} closes everything created here, then the
 * connection; while the broker is unreachable it closes the connection first, which rolls back open
 * batches and fails unconfirmed sends at once instead of waiting for each call's failover timeout.
 */
public final class JmsStreams implements Streams {

    /** The dead-letter suffixes allowed. */
    public static final String SUFFIX_PATTERN = "[A-Za-z0-9._-]{1,50}";

    private static final Logger LOG = Logger.getLogger(JmsStreams.class.getName());
    private static final Pattern SUFFIX = Pattern.compile(SUFFIX_PATTERN);
    private static final Runnable NOTHING = () -> { };

    /** The reconnect backoff of {@link #JmsStreams(ConnectionFactory, ProducerOptions, ConsumerOptions, String)}. */
    public static final BackoffStrategy DEFAULT_RECONNECT_BACKOFF =
            new ExponentialBackoff(Duration.ofSeconds(1), Duration.ofSeconds(60));

    private final ConnectionSupervisor supervisor;
    private final ProducerOptions producerDefaults;
    private final ConsumerOptions consumerDefaults;
    private final String deadLetterSuffix;
    private final Set<AutoCloseable> open = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    /**
     * Opens the connection, which must succeed; later failures are supervised with
     * {@link #DEFAULT_RECONNECT_BACKOFF}.
     *
     * @param deadLetterSuffix appended to a stream's name to name its dead-letter stream, e.g. {@code .DLQ}
     * @throws IllegalArgumentException if the suffix does not match {@value #SUFFIX_PATTERN}
     * @throws StreamException          if the broker cannot be reached
     */
    public JmsStreams(ConnectionFactory factory, ProducerOptions producerDefaults, ConsumerOptions consumerDefaults,
            String deadLetterSuffix) {
        this(checkedSuffix(deadLetterSuffix), new ConnectionSupervisor(factory, DEFAULT_RECONNECT_BACKOFF),
                producerDefaults, consumerDefaults);
        supervisor.connect();
    }

    /**
     * Streams over the connection of {@code supervisor}, which they own from now on (closed with them).
     * Start it ({@link ConnectionSupervisor#start()} or {@link ConnectionSupervisor#connect()}) before or
     * after; until it is connected, producers and consumers open their sessions on first use.
     *
     * @throws IllegalArgumentException if the suffix does not match {@value #SUFFIX_PATTERN}
     */
    public JmsStreams(ConnectionSupervisor supervisor, ProducerOptions producerDefaults,
            ConsumerOptions consumerDefaults, String deadLetterSuffix) {
        this(checkedSuffix(deadLetterSuffix), supervisor, producerDefaults, consumerDefaults);
    }

    private JmsStreams(String deadLetterSuffix, ConnectionSupervisor supervisor, ProducerOptions producerDefaults,
            ConsumerOptions consumerDefaults) {
        this.supervisor = Objects.requireNonNull(supervisor, "supervisor must not be null");
        this.producerDefaults = Objects.requireNonNull(producerDefaults, "producerDefaults must not be null");
        this.consumerDefaults = Objects.requireNonNull(consumerDefaults, "consumerDefaults must not be null");
        this.deadLetterSuffix = deadLetterSuffix;
    }

    private static String checkedSuffix(String deadLetterSuffix) {
        if (deadLetterSuffix == null || !SUFFIX.matcher(deadLetterSuffix).matches()) {
            throw new IllegalArgumentException("dead-letter suffix '" + deadLetterSuffix + "' is not allowed: use "
                    + SUFFIX_PATTERN);
        }
        return deadLetterSuffix;
    }

    @Override
    public Producer producer(String stream, ProducerOptions options) {
        StreamName.check(stream);
        Objects.requireNonNull(options, "options must not be null");
        String what = "producer to stream '" + stream + "'";
        return track(stream, "producer", onClose -> new SupervisedProducer(stream, new Reopening<>(supervisor, what,
                c -> open(c, new ProducerTarget(stream, false), options)), onClose));
    }

    @Override
    public Consumer consumer(String stream, ConsumerOptions options) {
        String deadLetters = deadLetterStream(stream);
        Objects.requireNonNull(options, "options must not be null");
        String what = "consumer of stream '" + stream + "'";
        return track(stream, "consumer", onClose -> new SupervisedConsumer(stream, options, new Reopening<>(
                supervisor, what, c -> new JmsConsumer(c, stream, deadLetters, options,
                        producerDefaults.maxMessageBytes(), NOTHING)), onClose));
    }

    @Override
    public Producer publisher(String topic, ProducerOptions options) {
        StreamName.check(topic);
        Objects.requireNonNull(options, "options must not be null");
        String what = "publisher to topic '" + topic + "'";
        return track(topic, "publisher", onClose -> new SupervisedProducer(topic, new Reopening<>(supervisor, what,
                c -> open(c, new ProducerTarget(topic, true), options)), onClose));
    }

    /** A producer to {@code target} on {@code connection}: with group commit if the options ask for it. */
    private static Producer open(Connection connection, ProducerTarget target, ProducerOptions options)
            throws JMSException {
        return options.groupCommit().enabled() ? new GroupCommitProducer(connection, target, options)
                : new JmsProducer(connection, target.stream(), target.topic(), options, NOTHING);
    }

    /**
     * {@inheritDoc}
     *
     * <p>The subscription is a JMS 2 shared subscription named {@link Subscription#stream()} (a queue of
     * that name on the topic's multicast address). A subscription that is not shared is guarded by a
     * connection of its own whose client id is derived from the subscription: the broker refuses a
     * second connection with that id, so at most one consumer is open at a time across every client
     * of the broker.
     */
    @Override
    public Consumer subscriber(Subscription subscription, ConsumerOptions options) {
        Objects.requireNonNull(subscription, "subscription must not be null");
        Objects.requireNonNull(options, "options must not be null");
        String deadLetters = deadLetterStream(subscription.stream());
        AutoCloseable guard = subscription.shared() ? () -> { } : exclusive(subscription);
        try {
            String what = "subscriber " + subscription.stream();
            return track(subscription.stream(), "subscriber", onClose -> new SupervisedConsumer(subscription.stream(),
                    options, new Reopening<>(supervisor, what, c -> new JmsConsumer(c,
                            ConsumerSource.subscription(c, subscription), deadLetters, options,
                            producerDefaults.maxMessageBytes(), NOTHING)), () -> {
                        onClose.run();
                        closeQuietly(guard);
                    }));
        } catch (RuntimeException e) {
            closeQuietly(guard);
            throw e;
        }
    }

    private AutoCloseable exclusive(Subscription subscription) {
        String clientId = "tributary-exclusive:" + subscription.topic() + "::" + subscription.name();
        Connection guard;
        try {
            guard = supervisor.openUnsupervised();
        } catch (JMSException e) {
            throw new StreamException("cannot connect to the broker for subscription '" + subscription.stream()
                    + "': " + e, e);
        }
        try {
            guard.setClientID(clientId);
            return guard;
        } catch (InvalidClientIDException e) {
            closeQuietly(guard);
            throw new IllegalStateException("subscription '" + subscription.name() + "' of topic '"
                    + subscription.topic() + "' is not shared and already has a consumer: close it first, or"
                    + " subscribe as shared (" + e.getMessage() + ")", e);
        } catch (JMSException e) {
            closeQuietly(guard);
            throw new StreamException("cannot guard subscription '" + subscription.stream() + "': " + e, e);
        }
    }

    @Override
    public Store store(String name) {
        StreamName.check(name);
        return track(name, "store", onClose -> new JmsStore(supervisor.link().connection(), name,
                deadLetterStream(name), onClose));
    }

    @Override
    public long backlog(String stream) {
        StreamName.check(stream);
        try (QueueBacklog backlog = QueueBacklog.of(supervisor.link().connection(), stream)) {
            return backlog.count();
        }
    }

    @Override
    public String deadLetterStream(String stream) {
        return StreamName.check(StreamName.check(stream) + deadLetterSuffix);
    }

    /** Whether the connection to the broker is up: {@link #connectionState()} is {@code CONNECTED}. */
    public boolean isConnected() {
        return connectionState() == ConnectionState.CONNECTED;
    }

    /** The state of the connection to the broker. */
    public ConnectionState connectionState() {
        return supervisor.state();
    }

    /** The supervisor of the connection, for health checks and metrics (owned by these streams). */
    public ConnectionSupervisor supervisor() {
        return supervisor;
    }

    @Override
    public ProducerOptions defaultProducerOptions() {
        return producerDefaults;
    }

    @Override
    public ConsumerOptions defaultConsumerOptions() {
        return consumerDefaults;
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (isConnected()) {
            new ArrayList<>(open).forEach(JmsStreams::closeQuietly);
            supervisor.close();
        } else {
            LOG.warning("closing JMS streams while the broker is unreachable: open batches are rolled back and"
                    + " unconfirmed sends fail");
            supervisor.close();
            new ArrayList<>(open).forEach(JmsStreams::closeQuietly);
        }
        LOG.info("JMS streams closed");
    }

    private <T extends AutoCloseable> T track(String stream, String what, Opener<T> opener) {
        if (closed) {
            throw new StreamClosedException("streams are closed: no new " + what + " for '" + stream + "'");
        }
        AtomicReference<AutoCloseable> self = new AtomicReference<>();
        T created;
        try {
            created = opener.open(() -> open.remove(self.get()));
        } catch (JMSException e) {
            throw new StreamException("cannot open a " + what + " for stream '" + stream + "': " + e, e);
        }
        self.set(created);
        open.add(created);
        if (closed) {
            closeQuietly(created);
            throw new StreamClosedException("streams closed while a " + what + " for '" + stream + "' opened");
        }
        return created;
    }

    private static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception e) {
            LOG.log(Level.WARNING, "closing " + c + " failed", e);
        }
    }

    /** Opens a producer, consumer or store that calls {@code onClose} when it is closed. */
    @FunctionalInterface
    private interface Opener<T> {
        T open(Runnable onClose) throws JMSException;
    }
}
