package io.tributary.stream.jms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tributary.stream.StreamException;
import io.tributary.testing.BrokerSession;
import java.nio.file.Path;
import org.apache.activemq.artemis.api.core.QueueConfiguration;
import org.apache.activemq.artemis.api.core.RoutingType;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.api.core.management.ResourceNames;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link ManagementRequests} on an embedded broker: operations with parameters and attributes round-trip
 * through plain JMS messages, and a refusal names the operation and carries the broker's own message.
 */
class ManagementRequestsTest {

    @TempDir
    Path data;

    private BrokerSession broker;
    private ManagementRequests management;

    @BeforeEach
    void start() throws Exception {
        broker = new BrokerSession(data);
        management = new ManagementRequests(broker.session());
    }

    @AfterEach
    void stop() throws Exception {
        management.close();
        broker.close();
    }

    @Test
    void anOperationWithAQueueConfigurationCreatesTheQueueAndAnAttributeReadsIt() {
        String queue = "mgmt-ring";
        management.invoke(ResourceNames.BROKER, "createQueue", QueueConfiguration.of(queue)
                .setRoutingType(RoutingType.ANYCAST).setNonDestructive(true).setRingSize(7L).toJSON(), true);
        org.apache.activemq.artemis.core.server.Queue created = broker.broker().server().locateQueue(SimpleString.of(queue));
        assertTrue(created != null && created.isNonDestructive(), "no non-destructive queue " + queue);
        assertEquals(7L, created.getRingSize());
        assertEquals(7L, ((Number) management.attribute(ResourceNames.QUEUE + queue, "ringSize")).longValue());
        assertEquals(0L, ((Number) management.attribute(ResourceNames.QUEUE + queue, "messageCount")).longValue());
    }

    @Test
    void aRefusedOperationNamesTheOperationAndTheBrokersMessage() {
        QueueConfiguration queue = QueueConfiguration.of("mgmt-twice").setRoutingType(RoutingType.ANYCAST);
        management.invoke(ResourceNames.BROKER, "createQueue", queue.toJSON(), false);
        StreamException refused = assertThrows(StreamException.class,
                () -> management.invoke(ResourceNames.BROKER, "createQueue", queue.toJSON(), false));
        assertTrue(refused.getMessage().startsWith("the broker refused management operation broker.createQueue: ")
                && refused.getMessage().contains("mgmt-twice") && refused.getMessage().contains("already exists"),
                refused.getMessage());
    }

    @Test
    void aRefusedAttributeNamesTheResourceAndTheAttribute() {
        StreamException refused = assertThrows(StreamException.class,
                () -> management.attribute(ResourceNames.QUEUE + "mgmt-none", "messageCount"));
        assertTrue(refused.getMessage().startsWith(
                "the broker refused management attribute queue.mgmt-none.messageCount: "), refused.getMessage());
    }
}
