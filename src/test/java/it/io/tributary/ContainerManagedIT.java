package it.io.tributary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tributary.broker.Batch;
import io.tributary.broker.Broker;
import io.tributary.broker.BrokerConsumer;
import io.tributary.broker.BrokerProducer;
import io.tributary.broker.ProducerConfig;
import io.tributary.cdi.TributaryRuntime;
import io.tributary.connection.JndiConnectionSource;
import io.tributary.stream.Consumer;
import io.tributary.stream.Message;
import io.tributary.stream.Producer;
import io.tributary.stream.Streams;
import io.tributary.testing.Deadlines;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.JavaArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Container-managed mode on Liberty: an application configured only with
 * {@code tributary.connection-factory=jms/tributary} (the Artemis resource adapter's factory from
 * liberty/artemis-ra.xml) starts no embedded broker and reads no broker URL, and its producers and
 * consumers work through the server's pooled connections: confirmed sends, transacted receives, a nack
 * redelivered after its delay (Artemis scheduled delivery) with its attempt count, duplicate detection and
 * the backlog from Artemis management; the injected JMS batching broker delivers and acks. A JNDI name that does not resolve, or names something else, is
 * refused with the name and what was found (TributaryRuntime lets that fail the deployment).
 */
@ExtendWith({RaBroker.class, ArquillianExtension.class})
class ContainerManagedIT {

    private static final String RUN = Long.toString(System.currentTimeMillis(), 36);
    private static final Duration DEADLINE = Duration.ofSeconds(60);

    @Deployment
    static WebArchive deployment() {
        return containerManaged(ContainerManagedIT.class);
    }

    /** The application with {@code testClasses}, configured for the server's {@code jms/tributary}. */
    static WebArchive containerManaged(Class<?>... testClasses) {
        JavaArchive config = ShrinkWrap.create(JavaArchive.class, "container-managed.jar").addAsManifestResource(
                new StringAsset("tributary.connection-factory=jms/tributary\ntributary.redelivery.initial-delay-ms=200\n"),
                "microprofile-config.properties");
        return Deployments.application(testClasses).addClasses(RaBroker.class, ContainerManagedIT.class)
                .addPackage(Deadlines.class.getPackage())
                .addAsLibrary(config);
    }

    @Inject
    TributaryRuntime runtime;

    @Inject
    Streams streams;

    @Inject
    Broker<Message> broker;

    @Test
    void theBatchingBrokerRunsOnTheServersFactory() throws Exception {
        AtomicInteger acked = new AtomicInteger();
        BrokerProducer<Message> producer = broker.producer(ProducerConfig.<Message>none().withOnAck(acked::addAndGet));
        for (int i = 0; i < 5; i++) {
            producer.publish(Message.ofText("event " + i));
        }
        List<String> got = new ArrayList<>();
        BrokerConsumer<Message> consumer = broker.consumer();
        try {
            long end = System.nanoTime() + DEADLINE.toNanos();
            while (got.size() < 5 && System.nanoTime() < end) {
                Batch<Message> batch = consumer.get(10, Duration.ofMillis(500));
                batch.events().forEach(m -> got.add(m.text()));
                batch.ack();
            }
        } finally {
            consumer.close();
        }
        assertEquals(List.of("event 0", "event 1", "event 2", "event 3", "event 4"), got);
        Deadlines.await(() -> acked.get() == 5, DEADLINE, "ACK callbacks sum to what was published: " + acked);
    }

    @Test
    void aNameThatDoesNotResolveToAConnectionFactoryIsRefusedNamingWhatWasFound() {
        String missing = "jms/missing-" + RUN;
        IllegalStateException none = assertThrows(IllegalStateException.class, () -> new JndiConnectionSource(missing));
        assertTrue(none.getMessage().startsWith("tributary.connection-factory=" + missing + " does not resolve in JNDI"),
                none.getMessage());
        IllegalStateException queue = assertThrows(IllegalStateException.class, () -> new JndiConnectionSource("jms/interop"));
        assertTrue(queue.getMessage().startsWith("tributary.connection-factory=jms/interop resolves to a ")
                && queue.getMessage().contains("jakarta.jms.Queue")
                && queue.getMessage().contains("which is not a jakarta.jms.ConnectionFactory"), queue.getMessage());
    }

    @Test
    void noEmbeddedBrokerAndTheStreamsRunOnTheServersFactory() throws Exception {
        assertTrue(runtime.embeddedBroker().isEmpty(), "container-managed mode starts no embedded broker");
        String stream = "it-cm-" + RUN;
        Deadlines.await(() -> runtime.jmsStreams().orElseThrow().isConnected(), DEADLINE,
                "never connected through jms/tributary: " + runtime.jmsStreams().orElseThrow().supervisor().describe());
        List<String> sent = new ArrayList<>();
        try (Producer producer = streams.producer(stream); Consumer consumer = streams.consumer(stream)) {
            for (int i = 0; i < 10; i++) {
                Message m = Message.builder().id("cm-" + RUN + "-" + i).key("k" + (i % 2)).text("m" + i).build();
                producer.send(m).toCompletableFuture().get(30, TimeUnit.SECONDS);
                sent.add(m.text());
            }
            producer.send(Message.builder().id("cm-" + RUN + "-0").text("m0 again").build())
                    .toCompletableFuture().get(30, TimeUnit.SECONDS);
            Deadlines.await(() -> streams.backlog(stream) == sent.size(), DEADLINE,
                    "backlog from Artemis management never " + sent.size() + " (a resent id is routed once)");

            List<String> received = new ArrayList<>();
            List<Integer> attemptsOfM3 = new ArrayList<>();
            long end = System.nanoTime() + DEADLINE.toNanos();
            while (received.size() < sent.size() && System.nanoTime() < end) {
                for (Message m : consumer.receive(sent.size(), Duration.ofSeconds(1))) {
                    if (m.text().equals("m3")) {
                        attemptsOfM3.add(m.deliveryAttempt());
                    }
                    if (m.text().equals("m3") && m.deliveryAttempt() == 1) {
                        consumer.nack(m, "retried through the resource adapter");
                    } else {
                        received.add(m.text());
                        consumer.ack(m);
                    }
                }
            }
            assertEquals(sent.stream().sorted().toList(), received.stream().sorted().toList());
            assertEquals(List.of(1, 2), attemptsOfM3, "the nacked message comes back once, as attempt 2");
            assertFalse(consumer.receive(1, Duration.ofMillis(500)).stream().anyMatch(m -> m.text().endsWith("again")),
                    "the resent duplicate was routed");
        }
    }
}
