package io.tributary.eventstream.jms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tributary.eventstream.Retention;
import io.tributary.eventstream.StreamIdentity;
import io.tributary.testing.BrokerSession;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import java.nio.file.Path;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.core.server.Queue;
import org.apache.activemq.artemis.core.settings.impl.AddressFullMessagePolicy;
import org.apache.activemq.artemis.core.settings.impl.AddressSettings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link EventQueues} declared through Artemis management over plain JMS on an embedded broker: each queue
 * gets its attributes and the retained address its settings, a second declaration leaves the queues as
 * they are (the first retention stays), and the retained count is the queue's message count.
 */
class EventQueuesTest {

    private static final StreamIdentity STREAM = new StreamIdentity("test", "queues");
    private static final String BASE = JmsEventStream.QUEUE_PREFIX + "test.queues";

    @TempDir
    Path data;

    private BrokerSession broker;
    private Session session;
    private final EventQueues queues = new EventQueues(STREAM);

    @BeforeEach
    void start() throws Exception {
        broker = new BrokerSession(data);
        session = broker.session();
    }

    @AfterEach
    void stop() throws Exception {
        broker.close();
    }

    @Test
    void declaresEveryQueueWithItsAttributesAndTheRetainedAddressSettings() {
        queues.declare(session, STREAM, Retention.ofCount(42));
        assertTrue(queue("intake").isExclusive(), "intake is exclusive");
        assertTrue(queue("retained").isNonDestructive(), "retained is non-destructive");
        assertEquals(42L, queue("retained").getRingSize());
        assertTrue(queue("head").isLastValue(), "head is last-value");
        assertTrue(queue("invalid").isDurable() && !queue("invalid").isExclusive(), "invalid is a plain durable queue");
        AddressSettings settings = broker.broker().server().getAddressSettingsRepository().getMatch(BASE + ".retained");
        assertEquals(-1L, settings.getMaxSizeBytes());
        assertEquals(AddressFullMessagePolicy.FAIL, settings.getAddressFullMessagePolicy());
        assertEquals(-1, settings.getMaxDeliveryAttempts());
    }

    @Test
    void aSecondDeclarationKeepsTheFirstRetention() {
        queues.declare(session, STREAM, Retention.ofCount(42));
        queues.declare(session, STREAM, Retention.ofCount(7));
        assertEquals(42L, queue("retained").getRingSize());
    }

    @Test
    void theRetainedCountIsTheRetainedQueuesMessageCount() throws Exception {
        queues.declare(session, STREAM, Retention.ofCount(3));
        assertEquals(0, queues.retainedCount(session));
        MessageProducer producer = session.createProducer(queues.retained(session));
        for (int i = 0; i < 5; i++) {
            producer.send(session.createTextMessage("e" + i));
        }
        assertEquals(3, queues.retainedCount(session), "the ring keeps 3 of 5");
    }

    private Queue queue(String suffix) {
        Queue queue = broker.broker().server().locateQueue(SimpleString.of(BASE + "." + suffix));
        assertTrue(queue != null, "queue " + BASE + "." + suffix + " was not declared");
        return queue;
    }
}
