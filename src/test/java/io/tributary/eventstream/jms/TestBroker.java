package io.tributary.eventstream.jms;

import io.tributary.artemis.ArtemisConnections;
import io.tributary.artemis.EmbeddedArtemis;
import jakarta.jms.ConnectionFactory;
import org.apache.activemq.artemis.api.core.QueueConfiguration;
import org.apache.activemq.artemis.api.core.RoutingType;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.core.server.ActiveMQServer;
import org.apache.activemq.artemis.core.server.Queue;
import org.apache.activemq.artemis.core.server.plugin.ActiveMQServerBasePlugin;
import org.apache.activemq.artemis.core.settings.impl.AddressSettings;

import java.nio.file.Path;
import java.util.List;

/**
 * The module's {@link EmbeddedArtemis} set up for event-stream failure tests: event-stream addresses
 * page beyond {@link #PAGING_BYTES} (so tests see a broker short of memory), the broker's expiry queue
 * exists as on a broker made by {@code artemis create}, and the given plugins are registered (again
 * after each {@link #restart()}, which keeps the journal).
 */
final class TestBroker implements AutoCloseable {

    /** Event-stream addresses page beyond this. */
    static final long PAGING_BYTES = 256 << 10;
    /** Where the broker moves expired messages of addresses that do not say otherwise. */
    static final String EXPIRY_QUEUE = EmbeddedArtemis.BROKER_EXPIRED;

    private final EmbeddedArtemis broker;
    private final List<ActiveMQServerBasePlugin> plugins;

    TestBroker(Path dir, ActiveMQServerBasePlugin... plugins) throws Exception {
        this.broker = new EmbeddedArtemis(dir);
        this.plugins = List.of(plugins);
        start();
    }

    void restart() throws Exception {
        broker.stop();
        start();
    }

    /** Messages on {@code queue}, or -1 if there is no such queue. */
    long messageCount(String queue) {
        Queue found = broker.server().locateQueue(SimpleString.of(queue));
        return found == null ? -1 : found.getMessageCount();
    }

    ConnectionFactory connectionFactory() {
        return ArtemisConnections.connectionFactory(broker.connectionUrl());
    }

    /** A factory whose connections reconnect (for ever, every 50 ms) when the broker goes away. */
    ConnectionFactory reconnectingConnectionFactory() {
        return ArtemisConnections.connectionFactory(broker.connectionUrl() + "&reconnectAttempts=-1&retryInterval=50");
    }

    /** A factory whose connections give up at once when the broker goes away (the supervisor re-creates them). */
    ConnectionFactory givingUpConnectionFactory() {
        return ArtemisConnections.connectionFactory(broker.connectionUrl()
                + "&reconnectAttempts=0&callTimeout=2000&callFailoverTimeout=2000");
    }

    @Override
    public void close() {
        broker.close();
    }

    private void start() throws Exception {
        broker.start();
        ActiveMQServer server = broker.server();
        plugins.forEach(server::registerBrokerPlugin);
        server.getAddressSettingsRepository().addMatch("tributary.events.#",
                new AddressSettings().setMaxSizeBytes(PAGING_BYTES));
        if (server.locateQueue(SimpleString.of(EXPIRY_QUEUE)) == null) {
            server.createQueue(QueueConfiguration.of(EXPIRY_QUEUE).setRoutingType(RoutingType.ANYCAST));
        }
    }
}
