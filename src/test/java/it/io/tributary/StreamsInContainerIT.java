package it.io.tributary;

import io.tributary.cdi.Stream;
import io.tributary.metrics.MeteredStreams;
import io.tributary.stream.Consumer;
import io.tributary.stream.Message;
import io.tributary.stream.Producer;
import io.tributary.stream.Streams;
import io.tributary.stream.jms.JmsStreams;
import jakarta.inject.Inject;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

/**
 * Inside Liberty with the real WAR: CDI injection of producers and consumers and a round trip through the
 * embedded Artemis broker (the HTTP bridge: {@link HttpBridgeIT}).
 */
@ExtendWith(ArquillianExtension.class)
class StreamsInContainerIT {

    private static final Duration DEADLINE = Duration.ofSeconds(20);

    @Deployment
    static WebArchive deployment() {
        return Deployments.application(StreamsInContainerIT.class);
    }

    @Inject
    @Stream("it-orders")
    Producer orders;

    @Inject
    @Stream("it-orders")
    Consumer ordersIn;

    @Inject
    Streams streams;

    @Test
    void injectedProducerAndConsumerRoundTripThroughTheEmbeddedBroker() throws Exception {
        MeteredStreams metered = assertInstanceOf(MeteredStreams.class, streams, "injected streams are measured");
        assertInstanceOf(JmsStreams.class, metered.delegate(), "the default transport is the embedded Artemis broker");
        assertEquals("it-orders", orders.stream());
        Message sent = Message.builder().text("order 1").key("customer-9").tag("kind", "new").build();
        orders.send(sent).toCompletableFuture().get(DEADLINE.toSeconds(), TimeUnit.SECONDS);
        List<Message> got = new ArrayList<>();
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (got.isEmpty() && System.nanoTime() < deadline) {
            got = ordersIn.receive(10, Duration.ofMillis(500));
        }
        assertEquals(1, got.size(), "received " + got);
        Message m = got.get(0);
        ordersIn.ack(m);
        assertEquals(sent.id(), m.id());
        assertEquals("order 1", m.text());
        assertEquals("customer-9", m.key());
        assertEquals("new", m.tag("kind"));
    }
}
