package it.io.tributary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tributary.messaging.IncomingMetadata;
import io.tributary.stream.Consumer;
import io.tributary.stream.Message;
import io.tributary.stream.Producer;
import io.tributary.stream.Streams;
import io.tributary.stream.Subscription;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
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
 * {@code @Outgoing} bean reach an {@code @Incoming} bean through the embedded Artemis broker; a nacked
 * message is retried up to max-attempts then dead-lettered; a topic reaches its durable subscription;
 * {@code max-in-flight} hands out several messages at once and keeps each key's order; outgoing priority,
 * delay and time to live are visible on the incoming side.
 */
@ExtendWith(ArquillianExtension.class)
class ConnectorIT {

    private static final String QUEUE = "it-connector-orders";
    private static final String WORK = "it-connector-work";
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
            mp.messaging.outgoing.prices-out.connector=tributary-jms
            mp.messaging.outgoing.prices-out.destination=topic://it-prices
            mp.messaging.incoming.prices-audit.connector=tributary-jms
            mp.messaging.incoming.prices-audit.destination=topic://it-prices
            mp.messaging.incoming.prices-audit.subscription=audit
            mp.messaging.incoming.prices-audit.durable=true
            mp.messaging.incoming.work-in.connector=tributary-jms
            mp.messaging.incoming.work-in.destination=queue://%2$s
            mp.messaging.incoming.work-in.batch-size=8
            mp.messaging.incoming.work-in.max-in-flight=4
            mp.messaging.outgoing.meta-out.connector=tributary-jms
            mp.messaging.outgoing.meta-out.destination=queue://it-meta
            mp.messaging.incoming.meta-in.connector=tributary-jms
            mp.messaging.incoming.meta-in.destination=queue://it-meta
            """.formatted(QUEUE, WORK);

    @Deployment
    static WebArchive deployment() {
        JavaArchive channels = ShrinkWrap.create(JavaArchive.class, "connector-it-channels.jar")
                .addAsManifestResource(new StringAsset(CHANNELS), "microprofile-config.properties");
        return Deployments.application(ConnectorIT.class, ConnectorOrders.class, ConnectorTopics.class,
                ConnectorWork.class).addAsLibrary(channels);
    }

    @Inject
    ConnectorOrders orders;

    @Inject
    Streams streams;

    @Inject
    ConnectorTopics topics;

    @Inject
    ConnectorWork work;

    @Test
    void aTopicReachesItsDurableSubscription() throws Exception {
        topics.publishPrice("price-1");
        topics.publishPrice("price-2");
        awaitTrue(() -> topics.audited().size() >= 2, "two prices on the audit subscription");
        assertEquals(List.of("price-1", "price-2"), topics.audited());
        Subscription passing = new Subscription("it-prices", "late", false, true);
        try (Consumer second = streams.subscriber(passing, streams.defaultConsumerOptions())) {
            topics.publishPrice("price-3");
            awaitTrue(() -> topics.audited().size() >= 3, "the third price on the audit subscription");
            List<Message> copy = second.receive(10, Duration.ofSeconds(10));
            copy.forEach(second::ack);
            assertEquals(List.of("price-3"), copy.stream().map(Message::text).toList(),
                    "a second (non-durable, so no run leaves it behind in the broker's journal) subscription gets its"
                            + " own copy of what is published while it exists");
        }
        assertEquals(List.of("price-1", "price-2", "price-3"), topics.audited());
    }

    @Test
    void messagesInFlightKeepTheOrderOfEachKey() throws Exception {
        List<String> keys = List.of("a", "b", "c", "d");
        try (Producer producer = streams.producer(WORK)) {
            for (int n = 0; n < 6; n++) {
                for (String k : keys) {
                    producer.send(Message.builder().key(k).text(k + ":" + n).build());
                }
            }
            producer.flush(DEADLINE);
        }
        awaitTrue(() -> work.processed() >= 24, "24 work items processed");
        assertTrue(work.heldFirstUntilOtherKeyStarted(), "no other key started while a:0 was in progress");
        assertTrue(work.maxInFlight() <= 4, "more than max-in-flight=4 at once: " + work.maxInFlight());
        for (String k : keys) {
            assertEquals(List.of(0, 1, 2, 3, 4, 5), work.perKey().get(k), "order of key " + k);
        }
    }

    @Test
    void outgoingMetadataIsVisibleOnTheIncomingSide() {
        Duration delay = Duration.ofMillis(500);
        topics.sendWithMetadata("expires-first", ConnectorTopics.urgent(Duration.ofMillis(300), Duration.ofMillis(100)));
        Instant sent = Instant.now();
        topics.sendWithMetadata("urgent", ConnectorTopics.urgent(delay, Duration.ofHours(1)));
        awaitTrue(() -> topics.metadata().containsKey("urgent"), "the urgent message");
        IncomingMetadata in = topics.metadata().get("urgent");
        assertEquals(8, in.priority());
        assertEquals("meta-key", in.key());
        assertEquals("it", in.tags().get("origin"));
        assertEquals(in.timestamp().plus(Duration.ofHours(1)), in.expiration());
        assertEquals(1, in.deliveryAttempt());
        assertTrue(!topics.arrived().get("urgent").isBefore(sent.plus(delay).minusMillis(5)),
                "delivered before its delay: sent " + sent + ", arrived " + topics.arrived().get("urgent"));
        assertTrue(!topics.metadata().containsKey("expires-first"), "an expired message was delivered");
    }

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
        assertTrue(response.body().contains("loop.channel '") && response.body().contains("RUNNING since"),
                "every incoming channel is listed with its state: " + response.body());
    }

    private static void awaitTrue(BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, "timed out waiting for: " + what);
            java.util.concurrent.locks.LockSupport.parkNanos(10_000_000L);
        }
    }
}
