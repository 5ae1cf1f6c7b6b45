package io.tributary.eventstream.jms;

import jakarta.jms.ConnectionFactory;
import org.apache.activemq.artemis.api.core.QueueConfiguration;
import org.apache.activemq.artemis.api.core.RoutingType;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.core.config.Configuration;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.server.JournalType;
import org.apache.activemq.artemis.core.server.Queue;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.activemq.artemis.core.server.plugin.ActiveMQServerBasePlugin;
import org.apache.activemq.artemis.core.settings.impl.AddressSettings;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * An embedded Artemis broker for event-stream tests: persistent journal in a directory the test owns,
 * in-VM acceptor only (no TCP port), security off, expiry scanned every 100 ms so age retention shows
 * quickly (to {@link #EXPIRY_QUEUE} unless an address says otherwise), and every address paging beyond {@link #PAGING_BYTES}. {@link #restart()} keeps the journal.
 */
final class TestBroker implements AutoCloseable {

    private static final AtomicInteger IDS = new AtomicInteger(1000);
    /** Artemis' audit log writes a line per message at INFO; tests keep it at WARNING. */
    private static final Logger AUDIT = Logger.getLogger("org.apache.activemq.audit");

    static {
        AUDIT.setLevel(Level.WARNING);
    }

    /** Addresses page beyond this, so tests see what a stream does on a broker short of memory. */
    static final long PAGING_BYTES = 256 << 10;
    /** Where the broker moves expired messages of addresses that do not say otherwise. */
    static final String EXPIRY_QUEUE = "ExpiryQueue";

    private final Path dir;
    private final int id = IDS.incrementAndGet();
    private final List<ActiveMQServerBasePlugin> plugins;
    private EmbeddedActiveMQ server;

    TestBroker(Path dir, ActiveMQServerBasePlugin... plugins) throws Exception {
        this.dir = dir;
        this.plugins = List.of(plugins);
        start();
    }

    void start() throws Exception {
        Configuration config = new ConfigurationImpl()
                .setPersistenceEnabled(true)
                .setSecurityEnabled(false)
                .setJournalType(JournalType.NIO)
                .setJournalDirectory(dir.resolve("journal").toString())
                .setBindingsDirectory(dir.resolve("bindings").toString())
                .setPagingDirectory(dir.resolve("paging").toString())
                .setLargeMessagesDirectory(dir.resolve("large").toString())
                .setMessageExpiryScanPeriod(100)
                .addAcceptorConfiguration("in-vm", "vm://" + id);
        config.addAddressSetting("#", new AddressSettings().setMaxSizeBytes(PAGING_BYTES)
                .setExpiryAddress(SimpleString.of(EXPIRY_QUEUE)).setAutoCreateExpiryResources(false));
        config.addQueueConfiguration(QueueConfiguration.of(EXPIRY_QUEUE).setRoutingType(RoutingType.ANYCAST));
        config.registerBrokerPlugins(plugins);
        server = new EmbeddedActiveMQ().setConfiguration(config);
        server.start();
    }

    void stop() throws Exception {
        server.stop();
    }

    void restart() throws Exception {
        stop();
        start();
    }

    /** Messages on {@code queue}, or -1 if there is no such queue. */
    long messageCount(String queue) {
        Queue found = server.getActiveMQServer().locateQueue(queue);
        return found == null ? -1 : found.getMessageCount();
    }

    ConnectionFactory connectionFactory() {
        return new ActiveMQConnectionFactory("vm://" + id);
    }

    /** A factory whose connections reconnect (for ever, every 50 ms) when the broker goes away. */
    ConnectionFactory reconnectingConnectionFactory() {
        return new ActiveMQConnectionFactory("vm://" + id + "?reconnectAttempts=-1&retryInterval=50");
    }

    @Override
    public void close() throws Exception {
        stop();
    }
}
