package io.tributary.artemis;

import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.api.core.TransportConfiguration;
import org.apache.activemq.artemis.core.config.Configuration;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.remoting.impl.invm.InVMAcceptorFactory;
import org.apache.activemq.artemis.core.remoting.impl.invm.TransportConstants;
import org.apache.activemq.artemis.core.server.ActiveMQServer;
import org.apache.activemq.artemis.core.server.ActiveMQServers;
import org.apache.activemq.artemis.core.server.JournalType;
import org.apache.activemq.artemis.core.settings.impl.AddressFullMessagePolicy;
import org.apache.activemq.artemis.core.settings.impl.AddressSettings;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;

/**
 * An ActiveMQ Artemis broker running inside this JVM.
 *
 * <p>Persistent: an NIO journal plus the bindings, paging and large-message directories live under
 * the data directory given, so messages survive {@link #stop()} and {@link #start()} (and a JVM
 * restart) on the same directory. Reachable through an in-VM acceptor whose server id is unique among
 * the instances of this JVM ({@link #connectionUrl()}) and, only when a {@link TcpAcceptor} is given,
 * through a TCP acceptor bound to 127.0.0.1. In-VM only (the default), security is off: only code in
 * this JVM can connect. With a TCP acceptor, security is on for every acceptor, the in-VM one included:
 * the acceptor's one user may do everything, every other client (without credentials or with wrong
 * ones) is refused ({@link #credentials()} gives in-VM clients the user to log in as).
 *
 * <p>Every address ({@code #}) auto-creates its queues and keeps them when they empty. Tributary's
 * consumers decide about retries and dead letters (a nack re-sends a copy, so the broker's delivery
 * count only grows when a transaction rolls back or a consumer goes away holding the message); the
 * broker redelivers at once (redelivery delay 0) but not forever: a message delivered
 * {@link #MAX_DELIVERY_ATTEMPTS} times without being acknowledged moves to the broker's dead-letter
 * address {@value #BROKER_DEAD_LETTERS}, into the queue {@code DLQ.<its queue>} the broker creates for it.
 * So a message that fails outside decoding on every delivery (and that no consumer dead-letters itself)
 * cannot wedge a queue. Each address holds at most {@link #MAX_ADDRESS_BYTES} in memory and pages the rest
 * to disk. Duplicate detection keeps the last {@link #ID_CACHE_SIZE} ids per address, persisted.
 *
 * <p>Thread safety: {@code start}, {@code stop} and {@code close} are synchronized. Logging goes
 * through SLF4J, bound to java.util.logging.
 */
public final class EmbeddedArtemis implements AutoCloseable {

    /** Bytes of messages one address keeps in memory before paging to disk. */
    public static final long MAX_ADDRESS_BYTES = 10L << 20;
    /** Duplicate-detection ids remembered per address. */
    public static final int ID_CACHE_SIZE = 20_000;
    /**
     * Deliveries of one message without an acknowledgement after which the broker dead-letters it. A
     * Tributary stream consumer dead-letters a message itself once its attempts (nacks and redeliveries
     * together) pass its policy's {@code maxAttempts}, so with any policy up to 100 attempts its own
     * dead-letter stream, with a reason, comes first.
     */
    public static final int MAX_DELIVERY_ATTEMPTS = 100;
    /**
     * The broker's own dead-letter address: a message delivered {@link #MAX_DELIVERY_ATTEMPTS} times goes to
     * the queue {@code DLQ.<its queue>} on it, which the broker creates when needed.
     */
    public static final String BROKER_DEAD_LETTERS = "DLQ";
    /** Where messages that a foreign producer gave an expiry go when they expire. */
    public static final String BROKER_EXPIRED = "ExpiryQueue";

    private static final Logger LOG = Logger.getLogger(EmbeddedArtemis.class.getName());
    private static final AtomicInteger NEXT_SERVER_ID = new AtomicInteger(1);
    /**
     * Artemis' audit loggers, which log every message (with its properties) at INFO: held here (JUL keeps
     * loggers weakly) and turned off at start unless the audit log is asked for.
     */
    private static final List<Logger> AUDIT_LOGGERS = Stream.of("base", "message", "resource")
            .map(n -> Logger.getLogger("org.apache.activemq.audit." + n))
            .toList();

    private final Path dataDirectory;
    private final TcpAcceptor tcp;
    private final boolean auditLog;
    private final int serverId = NEXT_SERVER_ID.getAndIncrement();
    private ActiveMQServer server;

    /**
     * A broker (not started yet) reachable in this JVM and through {@code tcp}, with security on.
     *
     * @param dataDirectory where the journal and the other directories live; created on start
     * @param tcp           the TCP acceptor on 127.0.0.1 and its user, or {@code null} for in-VM only
     * @param auditLog      whether Artemis' audit log (a line per message and per operation) stays on; when
     *                      {@code false} its loggers are turned off at start, whatever level they had
     */
    public EmbeddedArtemis(Path dataDirectory, TcpAcceptor tcp, boolean auditLog) {
        this.dataDirectory = Objects.requireNonNull(dataDirectory, "dataDirectory must not be null").toAbsolutePath();
        this.tcp = tcp;
        this.auditLog = auditLog;
    }

    /** A broker without the audit log. */
    public EmbeddedArtemis(Path dataDirectory, TcpAcceptor tcp) {
        this(dataDirectory, tcp, false);
    }

    /** A broker reachable in this JVM only, security off, without the audit log. */
    public EmbeddedArtemis(Path dataDirectory) {
        this(dataDirectory, null);
    }

    /**
     * Starts the broker, recovering the journal in the data directory. Does nothing if it runs.
     *
     * @throws IllegalStateException if the broker could not start (the cause says why)
     */
    public synchronized void start() {
        if (server != null) {
            return;
        }
        if (!auditLog) {
            AUDIT_LOGGERS.forEach(l -> l.setLevel(Level.OFF));
        }
        ActiveMQServer s = tcp == null ? ActiveMQServers.newActiveMQServer(configuration(), true)
                : ActiveMQServers.newActiveMQServer(configuration(), null, new SingleUserSecurity(tcp), true);
        try {
            s.start();
            if (!s.waitForActivation(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("not active after 30 s");
            }
        } catch (Exception e) {
            stopQuietly(s);
            throw new IllegalStateException("embedded Artemis broker with data directory " + dataDirectory
                    + " did not start: " + e.getMessage(), e);
        }
        server = s;
        LOG.info(() -> "embedded Artemis broker started: " + connectionUrl() + ", data " + dataDirectory
                + (tcp != null ? ", " + tcp + ", security on" : ", in-VM only"));
    }

    /** Stops the broker; its messages stay in the data directory. Does nothing if it is stopped. */
    public synchronized void stop() {
        if (server == null) {
            return;
        }
        stopQuietly(server);
        server = null;
        LOG.info(() -> "embedded Artemis broker stopped: " + connectionUrl());
    }

    /** Stops the broker. */
    @Override
    public void close() {
        stop();
    }

    /** Whether the broker runs. */
    public synchronized boolean isStarted() {
        return server != null && server.isActive();
    }

    /** The in-VM URL of this broker, with {@code confirmationWindowSize} set so sends are confirmed. */
    public String connectionUrl() {
        return "vm://" + serverId + "?" + ArtemisConnections.CONFIRMATION_WINDOW + "="
                + ArtemisConnections.DEFAULT_CONFIRMATION_WINDOW_BYTES;
    }

    /** The user and password in-VM clients log in with: present only with a TCP acceptor. */
    public Optional<TcpAcceptor> credentials() {
        return Optional.ofNullable(tcp);
    }

    /** The data directory. */
    public Path dataDirectory() {
        return dataDirectory;
    }

    /**
     * The running server, for management and tests.
     *
     * @throws IllegalStateException if the broker is stopped
     */
    public synchronized ActiveMQServer server() {
        if (server == null) {
            throw new IllegalStateException("embedded Artemis broker " + connectionUrl() + " is not started");
        }
        return server;
    }

    private Configuration configuration() {
        Configuration c = new ConfigurationImpl()
                .setName("tributary-" + serverId)
                .setPersistenceEnabled(true)
                .setJournalType(JournalType.NIO)
                .setJournalDirectory(dataDirectory.resolve("journal").toString())
                .setBindingsDirectory(dataDirectory.resolve("bindings").toString())
                .setPagingDirectory(dataDirectory.resolve("paging").toString())
                .setLargeMessagesDirectory(dataDirectory.resolve("large-messages").toString())
                .setSecurityEnabled(tcp != null)
                .setJMXManagementEnabled(false)
                .setCriticalAnalyzer(false)
                .setIDCacheSize(ID_CACHE_SIZE)
                .setPersistIDCache(true)
                .addAcceptorConfiguration(new TransportConfiguration(InVMAcceptorFactory.class.getName(),
                        Map.of(TransportConstants.SERVER_ID_PROP_NAME, serverId), "in-vm"))
                .addAddressSetting("#", new AddressSettings()
                        .setAutoCreateAddresses(true)
                        .setAutoCreateQueues(true)
                        .setAutoDeleteAddresses(false)
                        .setAutoDeleteQueues(false)
                        .setMaxDeliveryAttempts(MAX_DELIVERY_ATTEMPTS)
                        .setDeadLetterAddress(SimpleString.of(BROKER_DEAD_LETTERS))
                        .setAutoCreateDeadLetterResources(true)
                        .setExpiryAddress(SimpleString.of(BROKER_EXPIRED))
                        .setRedeliveryDelay(0)
                        .setMaxSizeBytes(MAX_ADDRESS_BYTES)
                        .setAddressFullMessagePolicy(AddressFullMessagePolicy.PAGE));
        if (tcp != null) {
            try {
                c.addAcceptorConfiguration("tcp", "tcp://127.0.0.1:" + tcp.port() + "?protocols=CORE");
            } catch (Exception e) {
                throw new IllegalStateException("TCP acceptor " + tcp + " cannot be configured", e);
            }
        }
        return c;
    }

    private void stopQuietly(ActiveMQServer s) {
        try {
            s.stop();
        } catch (Exception e) {
            LOG.log(Level.WARNING, "embedded Artemis broker " + connectionUrl() + " did not stop cleanly", e);
        }
    }
}
