package it.io.tributary;

import io.tributary.cdi.Stream;
import io.tributary.metrics.MeteredStreams;
import io.tributary.stream.Consumer;
import io.tributary.stream.Message;
import io.tributary.stream.Producer;
import io.tributary.stream.Streams;
import io.tributary.stream.jms.JmsStreams;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.StringReader;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Inside Liberty with the real WAR: CDI injection of producers and consumers, a round trip through the
 * embedded Artemis broker, and the HTTP bridge (happy path, 400 and 413).
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

    @ArquillianResource
    URL base;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

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

    @Test
    void httpBridgeSendsReceivesAndReportsBacklog() throws Exception {
        String stream = "it-http-" + UUID.randomUUID();
        HttpResponse<String> posted = http.send(HttpRequest.newBuilder(uri("api/streams/" + stream + "/messages"))
                .header("Tributary-Key", "k1").POST(HttpRequest.BodyPublishers.ofString("hello")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(202, posted.statusCode(), posted.uri() + " -> " + posted.body());
        String id = json(posted.body()).getString("id");

        HttpResponse<String> described = http.send(HttpRequest.newBuilder(uri("api/streams/" + stream)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, described.statusCode(), described.body());
        assertEquals(1, json(described.body()).getInt("backlog"), described.body());

        HttpResponse<String> received = http.send(HttpRequest.newBuilder(
                uri("api/streams/" + stream + "/receive?max=5&waitMs=5000"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, received.statusCode(), received.body());
        JsonArray messages = Json.createReader(new StringReader(received.body())).readArray();
        assertEquals(1, messages.size(), received.body());
        JsonObject m = messages.getJsonObject(0);
        assertEquals(id, m.getString("id"));
        assertEquals("hello", m.getString("text"));
        assertEquals("k1", m.getString("key"));
        assertEquals(0, streams.backlog(stream), "received messages are acknowledged");
    }

    @Test
    void httpBridgeRefusesBadNamesBadParametersAndOversizedBodies() throws Exception {
        HttpResponse<String> badName = http.send(HttpRequest.newBuilder(uri("api/streams/bad%20name!"))
                .GET().build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(400, badName.statusCode(), badName.body());
        assertTrue(badName.body().contains("A-Z, a-z, 0-9"), badName.body());

        HttpResponse<String> badMax = http.send(HttpRequest.newBuilder(uri("api/streams/ok/receive?max=0"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(400, badMax.statusCode(), badMax.body());
        assertTrue(badMax.body().contains("max=0"), badMax.body());

        byte[] big = new byte[(1 << 20) + 1];
        HttpResponse<String> tooBig = http.send(HttpRequest.newBuilder(uri("api/streams/it-big/messages"))
                .POST(HttpRequest.BodyPublishers.ofByteArray(big)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(413, tooBig.statusCode(), tooBig.body());
        assertEquals(0, streams.backlog("it-big"), "nothing of a refused body is sent");
    }

    private URI uri(String path) {
        String root = base.toString();
        return URI.create((root.endsWith("/") ? root : root + "/") + path);
    }

    private static JsonObject json(String body) {
        return Json.createReader(new StringReader(body)).readObject();
    }
}
