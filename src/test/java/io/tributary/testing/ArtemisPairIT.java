package io.tributary.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSContext;
import jakarta.jms.Message;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.junit.jupiter.api.Test;

/**
 * Proves that {@link ArtemisPair} runs a real replicated HA pair: a message sent to the primary is
 * served by the backup after the primary is killed with SIGKILL, and, after the killed broker came back
 * as the new backup, by it after a second kill. Only one broker accepts clients at any time.
 */
class ArtemisPairIT {

    private static final long RECEIVE_TIMEOUT_MILLIS = 10_000;

    @Test
    void replicatedMessagesSurviveTwoKillsOfTheActiveBroker() throws Exception {
        try (ArtemisPair pair = ArtemisPair.create("pair-it", TestPorts.shifted(61900), TestPorts.shifted(61901))
                .start()) {
            assertSame(pair.primary(), pair.active());
            assertFalse(pair.backup().accepting(), "a passive backup must not accept clients");
            send(pair, "it.ha.first", "before the first kill");
            send(pair, "it.ha.second", "before the first kill, kept for the second");

            ArtemisProcess killed = pair.killActive();
            assertSame(pair.primary(), killed);
            assertSame(pair.backup(), pair.active());
            assertEquals("before the first kill", receive(pair, "it.ha.first"));

            pair.restart(killed);
            assertSame(pair.backup(), pair.active(), "the restarted primary must come back as the backup");
            send(pair, "it.ha.third", "after fail-back");

            assertSame(pair.backup(), pair.killActive());
            assertSame(pair.primary(), pair.active());
            assertEquals("before the first kill, kept for the second", receive(pair, "it.ha.second"));
            assertEquals("after fail-back", receive(pair, "it.ha.third"));
        }
    }

    private static void send(ArtemisPair pair, String queue, String text) {
        try (ActiveMQConnectionFactory factory = new ActiveMQConnectionFactory(pair.url());
             JMSContext context = factory.createContext(pair.user(), pair.password())) {
            context.createProducer().setDeliveryMode(DeliveryMode.PERSISTENT).send(context.createQueue(queue), text);
        }
    }

    private static String receive(ArtemisPair pair, String queue) throws Exception {
        try (ActiveMQConnectionFactory factory = new ActiveMQConnectionFactory(pair.url());
             JMSContext context = factory.createContext(pair.user(), pair.password(), JMSContext.SESSION_TRANSACTED)) {
            Message message = context.createConsumer(context.createQueue(queue)).receive(RECEIVE_TIMEOUT_MILLIS);
            assertNotNull(message, "no message on " + queue + " within " + RECEIVE_TIMEOUT_MILLIS + " ms");
            context.commit();
            return message.getBody(String.class);
        }
    }
}
