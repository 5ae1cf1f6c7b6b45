package it.io.tributary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tributary.broker.Broker;
import io.tributary.cdi.Events;
import io.tributary.cdi.Stream;
import io.tributary.cdi.TributaryRuntime;
import io.tributary.config.ConfigKey;
import io.tributary.eventstream.Cursor;
import io.tributary.eventstream.EventStream;
import io.tributary.eventstream.NewEvent;
import io.tributary.metrics.microprofile.MicroProfileMeters;
import io.tributary.stream.Consumer;
import io.tributary.stream.Message;
import io.tributary.stream.Producer;
import io.tributary.work.Outcome;
import io.tributary.work.WorkerPool;
import it.io.tributary.library.ConflictMapper;
import it.io.tributary.library.OrdersResource;
import it.io.tributary.library.ShopApplication;
import jakarta.inject.Inject;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.metrics.MetricID;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;
import org.eclipse.microprofile.metrics.annotation.RegistryScope;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.OperateOnDeployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Tributary as a library: two applications of a user's own ({@link LibraryArchives}: the classes jar in
 * {@code WEB-INF/lib}, the user's JAX-RS application at {@code /} with its own resource and exception
 * mapper) deployed side by side on one server. Each injects every Tributary type and moves messages on an
 * embedded broker of its own (asked for with {@code tributary.embedded.enabled=true}, journal per
 * application); neither gets the HTTP bridge, its login or Tributary's error mapping (they are in Tributary's
 * WAR only, left out of the classes jar); metrics and health checks carry each application's name. The
 * server's environment
 * (src/test/liberty/arquillian/server.env) holds the Kubernetes manifest's {@code TRIBUTARY_*} variables and
 * the service-link variables Kubernetes adds, so every deployment on it starts with them.
 */
@ExtendWith(ArquillianExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LibraryUseIT {

    private static final String ORDERS = "library-orders";
    private static final String BILLING = "library-billing";
    private static final String STREAM = "shared";
    private static final Duration WAIT = Duration.ofSeconds(30);

    @Deployment(name = ORDERS, order = 1)
    static WebArchive orders() {
        return LibraryArchives.application(ORDERS, "tributary.embedded.enabled=true\n", classes());
    }

    @Deployment(name = BILLING, order = 2)
    static WebArchive billing() {
        return LibraryArchives.application(BILLING, "tributary.embedded.enabled=true\n", classes());
    }

    private static Class<?>[] classes() {
        return new Class<?>[] {LibraryUseIT.class, LibraryArchives.class, HttpProbe.class, ShopApplication.class,
            OrdersResource.class, ConflictMapper.class};
    }

    @Inject
    @Stream(STREAM)
    Producer producer;

    @Inject
    @Stream(STREAM)
    Consumer consumer;

    @Inject
    Broker<Message> broker;

    @Inject
    WorkerPool<Object, Object> pool;

    @Inject
    @Events(owner = "shop", name = "ledger", types = {"placed"})
    EventStream ledger;

    @Inject
    TributaryRuntime runtime;

    @Inject
    @RegistryScope(scope = MetricRegistry.APPLICATION_SCOPE)
    MetricRegistry registry;

    @Test
    @Order(1)
    @OperateOnDeployment(ORDERS)
    void injectionWorksAndMessagesFlowInTheFirstApplication() throws Exception {
        assertEquals(ORDERS, runtime.applicationName());
        assertTrue(runtime.embeddedBroker().orElseThrow().dataDirectory().endsWith(ORDERS),
                "a journal of its own: " + runtime.embeddedBroker().orElseThrow().dataDirectory());
        assertEquals(List.of("o-1", "o-2"), sendAndReceive(List.of("o-1", "o-2")));

        HttpResponse<String> placed = HttpProbe.post("/" + ORDERS + "/orders", "order 9");
        assertEquals(200, placed.statusCode(), placed.body());
        HttpResponse<String> next = HttpProbe.get("/" + ORDERS + "/orders/next");
        assertEquals("order 9", next.body(), "the user's resource receives through its injected consumer");

        Callable<String> task = () -> "worked";
        Outcome<Object, Object> outcome = pool.submit(task).toCompletableFuture().get(30, TimeUnit.SECONDS);
        assertEquals("worked", outcome.value());
        ledger.append(NewEvent.ofText("placed", "order 9"));
        try (Cursor cursor = ledger.open(0, Set.of("placed"))) {
            assertTrue(cursor.next(WAIT).isPresent(), "the ledger replays what was appended");
        }
        assertNotNull(broker.toString());
    }

    @Test
    @Order(2)
    @OperateOnDeployment(ORDERS)
    void noBridgeAndTheApplicationsOwnErrorHandling() throws Exception {
        assertEquals(200, HttpProbe.get("/" + ORDERS + "/orders").statusCode());
        for (String path : List.of("/api/streams/" + STREAM, "/streams/" + STREAM, "/api/orders")) {
            HttpResponse<String> r = HttpProbe.get("/" + ORDERS + path);
            assertEquals(404, r.statusCode(), path + " answered " + r.statusCode() + " " + r.body());
        }
        assertEquals(404, HttpProbe.post("/" + ORDERS + "/api/streams/" + STREAM + "/messages", "forged").statusCode());

        HttpResponse<String> conflict = HttpProbe.get("/" + ORDERS + "/orders/conflict");
        assertEquals(409, conflict.statusCode(), conflict.body());
        assertEquals("shop says: conflict", conflict.body());
        HttpResponse<String> invalid = HttpProbe.get("/" + ORDERS + "/orders/invalid");
        assertEquals(500, invalid.statusCode(), "an exception the application does not map stays a server error: "
                + invalid.body());
        assertFalse(invalid.body().contains("{\"error\""), "Tributary's error JSON: " + invalid.body());
    }

    @Test
    @Order(3)
    @OperateOnDeployment(ORDERS)
    void theKubernetesEnvironmentReachesTheConfiguration() {
        assertEquals(500, runtime.config().integer(ConfigKey.CONSUMER_BATCH_SIZE), "TRIBUTARY_CONSUMER_BATCH_SIZE");
        assertEquals(1000, runtime.config().integer(ConfigKey.PRODUCER_MAX_IN_FLIGHT));
        assertEquals(500, runtime.config().integer(ConfigKey.HTTP_MAX_BATCH), "TRIBUTARY_HTTP_MAX_BATCH of server.env");
    }

    @Test
    @Order(4)
    @OperateOnDeployment(BILLING)
    void theSecondApplicationWorksBesideTheFirstAndKeepsItsOwnNames() throws Exception {
        assertEquals(BILLING, runtime.applicationName());
        assertEquals(List.of("b-1", "b-2", "b-3"), sendAndReceive(List.of("b-1", "b-2", "b-3")),
                "its own broker: none of the first application's messages");

        assertEquals(404, HttpProbe.get("/" + BILLING + "/api/streams/" + STREAM).statusCode(), "no bridge");

        assertEquals(2, sent(ORDERS), "the first application's sends, apart");
        assertEquals(3, sent(BILLING), "this application's sends, apart");
        String ready = HttpProbe.await("/health/ready", 200, b -> b.contains(ORDERS) && b.contains(BILLING), WAIT);
        assertTrue(ready.contains("tributary-broker"), ready);
    }

    private List<String> sendAndReceive(List<String> texts) throws Exception {
        List<Message> messages = texts.stream().map(Message::ofText).toList();
        producer.sendAll(messages).toCompletableFuture().get(30, TimeUnit.SECONDS);
        return receive(consumer, texts.size());
    }

    private static List<String> receive(Consumer from, int count) throws InterruptedException {
        List<String> got = new ArrayList<>();
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (got.size() < count && System.nanoTime() < deadline) {
            for (Message m : from.receive(count, Duration.ofMillis(500))) {
                got.add(m.text());
                from.ack(m);
            }
        }
        return got;
    }

    private long sent(String application) {
        return registry.getCounter(new MetricID("tributary.stream.sent", new Tag(MicroProfileMeters.APP_TAG, application),
                new Tag("stream", STREAM))).getCount();
    }
}
