package it.io.tributary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tributary.stream.Consumer;
import io.tributary.stream.Message;
import io.tributary.stream.Streams;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.JavaArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The {@code tributary-jms} connector on Liberty's mpReactiveMessaging-3.0: messages of an
 * {@code @Outgoing} bean reach an {@code @Incoming} bean through the embedded Artemis broker, and a
 * nacked message is retried up to max-attempts then dead-lettered.
 */
@ExtendWith(ArquillianExtension.class)
class ConnectorIT {

    private static final String QUEUE = "it-connector-orders";
    private static final Duration DEADLINE = Duration.ofSeconds(30);
    private static final String CHANNELS = """
            mp.messaging.outgoing.orders-out.connector=tributary-jms
            mp.messaging.outgoing.orders-out.destination=queue://%1$s
            mp.messaging.incoming.orders-in.connector=tributary-jms
            mp.messaging.incoming.orders-in.destination=queue://%1$s
            mp.messaging.incoming.orders-in.batch-size=2
            mp.messaging.incoming.orders-in.max-attempts=2
            mp.messaging.incoming.orders-in.backoff-initial-ms=0
            mp.messaging.incoming.orders-in.backoff-max-ms=0
            """.formatted(QUEUE);

    @Deployment
    static WebArchive deployment() {
        JavaArchive channels = ShrinkWrap.create(JavaArchive.class, "connector-it-channels.jar")
                .addAsManifestResource(new StringAsset(CHANNELS), "microprofile-config.properties");
        return Deployments.application(ConnectorIT.class, ConnectorOrders.class).addAsLibrary(channels);
    }

    @Inject
    ConnectorOrders orders;

    @Inject
    Streams streams;

    @Test
    void outgoingMessagesReachTheIncomingBeanThroughArtemis() {
        awaitTrue(() -> orders.received().size() >= 3, "three orders received");
        assertEquals(List.of("order-1", "order-2", "order-3"), orders.received());
    }

    @Test
    void nackedMessageIsRetriedThenDeadLettered() throws InterruptedException {
        String dlq = streams.deadLetterStream(QUEUE);
        awaitTrue(() -> streams.backlog(dlq) >= 1, "poison order dead-lettered to " + dlq);
        assertEquals(2, orders.poisonAttempts());
        try (Consumer deadLetters = streams.consumer(dlq)) {
            List<Message> batch = deadLetters.receive(100, Duration.ofSeconds(5));
            batch.forEach(deadLetters::ack);
            assertTrue(batch.stream().anyMatch(m -> ConnectorOrders.POISON.equals(m.text())
                    && m.tag(Consumer.REASON_TAG).contains("poison order rejected")), batch.toString());
        }
    }

    @Test
    void readinessIsUpWhileTheBrokerIsConnected() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + System.getProperty("http.port", "9181") + "/health/ready"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        assertTrue(response.body().contains("tributary-broker") && response.body().contains("connected"),
                response.body());
    }

    private static void awaitTrue(BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, "timed out waiting for: " + what);
            java.util.concurrent.locks.LockSupport.parkNanos(10_000_000L);
        }
    }
}
