package it.io.tributary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tributary.stream.Consumer;
import io.tributary.stream.Message;
import io.tributary.stream.Producer;
import io.tributary.stream.RedeliveryPolicy;
import io.tributary.stream.Streams;
import io.tributary.testing.Deadlines;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The console's admin API on Liberty, over HTTP: only role {@code tributary-admin} gets in (401 without
 * credentials, 403 for the sender and receiver roles, also for the console's page); the overview shows a
 * stream with its backlog and dead letters, a dead letter can be viewed and redriven, destructive actions
 * without confirmation and bad input are refused with 400 naming the problem, a missing letter is 404,
 * and every action is audited.
 */
@ExtendWith(ArquillianExtension.class)
class AdminApiIT {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @Deployment
    static WebArchive deployment() {
        return Deployments.application(AdminApiIT.class, HttpProbe.class, Deadlines.class);
    }

    @Inject
    Streams streams;

    @ArquillianResource
    URL base;

    private String stream;
    private Message dead;

    @BeforeEach
    void deadLetterOne() throws Exception {
        stream = "it-admin-" + UUID.randomUUID().toString().substring(0, 8);
        dead = Message.builder().text("{\"order\": 7}").key("customer-7").build();
        try (Producer producer = streams.producer(stream)) {
            producer.send(dead);
            producer.send(Message.ofText("waiting"));
            producer.flush(WAIT);
        }
        try (Consumer consumer = streams.consumer(stream, streams.defaultConsumerOptions().withRedelivery(
                new RedeliveryPolicy(1, Duration.ZERO, 1.0, Duration.ZERO)))) {
            Message first = consumer.receive(1, WAIT).get(0);
            consumer.nack(first, "customer unknown");
        }
    }

    @Test
    void onlyTheAdminRoleMayUseTheApiAndTheConsole() throws Exception {
        for (String path : List.of("api/admin/overview", "api/admin/streams/" + stream + "/dead-letters",
                "tributary/console/")) {
            URI url = base.toURI().resolve(path);
            assertEquals(401, HttpProbe.get(url).statusCode(), "anonymous " + path);
            assertEquals(403, HttpProbe.get(url, "Authorization", HttpProbe.credentials("sender")).statusCode(),
                    "a sender " + path);
            assertEquals(403, HttpProbe.get(url, "Authorization", HttpProbe.credentials("receiver")).statusCode(),
                    "a receiver " + path);
            assertEquals(200, HttpProbe.get(url, "Authorization", HttpProbe.credentials("admin")).statusCode(),
                    "the admin " + path);
        }
        HttpResponse<String> purge = HttpProbe.post(api("streams/" + stream + "/dead-letters/purge"),
                "{\"confirm\": \"" + stream + "\"}", "Content-Type", "application/json", "Authorization",
                HttpProbe.credentials("sender"));
        assertEquals(403, purge.statusCode(), purge.body());
        assertEquals(1, streams.backlog(streams.deadLetterStream(stream)), "a refused purge deletes nothing");
    }

    @Test
    void theOverviewShowsTheStreamWithBacklogAndDeadLetters() throws Exception {
        JsonObject overview = json(get("overview"), 200);
        assertEquals("CONNECTED", overview.getString("connection"));
        JsonObject row = overview.getJsonArray("streams").stream().map(JsonValue::asJsonObject)
                .filter(r -> r.getString("stream").equals(stream)).findFirst().orElseThrow();
        assertEquals(1, row.getJsonNumber("backlog").longValue());
        assertEquals(1, row.getJsonNumber("deadLetters").longValue());
    }

    @Test
    void aDeadLetterIsBrowsedViewedAndRedrivenWithAnAuditLine() throws Exception {
        JsonObject page = json(get("streams/" + stream + "/dead-letters?filter=UNKNOWN"), 200);
        JsonObject letter = page.getJsonArray("letters").getJsonObject(0);
        assertEquals(dead.id(), letter.getString("id"));
        assertEquals("customer unknown", letter.getJsonObject("tags").getString("dlq_reason"));
        JsonObject full = json(get("streams/" + stream + "/dead-letters/" + dead.id()), 200);
        assertEquals("{\"order\": 7}", full.getString("text"));
        assertTrue(full.getString("hex").startsWith("7b22"), full.getString("hex"));

        JsonObject redriven = json(post("streams/" + stream + "/dead-letters/redrive",
                "{\"ids\": [\"" + dead.id() + "\"], \"confirm\": \"" + stream + "\"}"), 200);
        assertEquals(1, redriven.getInt("count"));
        assertEquals(2, streams.backlog(stream));
        Path log = Path.of(System.getProperty("server.output.dir"), "logs", "messages.log");
        String line = "AUDIT console user=";
        Deadlines.await(() -> read(log).lines().anyMatch(l -> l.contains(line) && l.contains("action=redrive stream="
                + stream + " ids=" + dead.id() + " messages=1")), WAIT, "the audit line of the redrive");
    }

    @Test
    void destructiveActionsWithoutConfirmationAndBadInputAreRefused() throws Exception {
        for (String action : List.of("dead-letters/purge", "dead-letters/redrive", "dead-letters/delete", "pause")) {
            HttpResponse<String> refused = post("streams/" + stream + "/" + action, "{\"all\": true}");
            assertEquals(400, refused.statusCode(), action + ": " + refused.body());
            assertTrue(refused.body().contains("confirm"), refused.body());
        }
        HttpResponse<String> selector = get("streams/" + stream + "/dead-letters?selector=dlq_reason%20LIKE");
        assertEquals(400, selector.statusCode(), selector.body());
        assertTrue(selector.body().contains("dlq_reason LIKE"), selector.body());
        HttpResponse<String> limit = get("streams/" + stream + "/dead-letters?limit=5000");
        assertEquals(400, limit.statusCode(), limit.body());
        assertTrue(limit.body().contains("limit 5000"), limit.body());
        HttpResponse<String> name = get("streams/bad%20name/dead-letters");
        assertEquals(400, name.statusCode(), name.body());
        assertEquals(404, get("streams/" + stream + "/dead-letters/no-such-letter").statusCode());
        assertEquals(1, streams.backlog(streams.deadLetterStream(stream)), "nothing was touched");
    }

    @Test
    void pauseStopsDeliveryAndResumeRestartsIt() throws Exception {
        String confirm = "{\"confirm\": \"" + stream + "\"}";
        assertEquals(200, post("streams/" + stream + "/pause", confirm).statusCode());
        try (Consumer consumer = streams.consumer(stream)) {
            assertTrue(consumer.receive(1, Duration.ofMillis(500)).isEmpty(), "a paused stream delivers nothing");
            assertEquals(200, post("streams/" + stream + "/resume", confirm).statusCode());
            List<Message> batch = consumer.receive(1, WAIT);
            assertFalse(batch.isEmpty(), "delivery resumed");
            consumer.ack(batch.get(0));
        }
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException, URISyntaxException {
        return HttpProbe.get(api(path), "Authorization", HttpProbe.credentials("admin"));
    }

    private HttpResponse<String> post(String path, String body)
            throws IOException, InterruptedException, URISyntaxException {
        return HttpProbe.post(api(path), body, "Content-Type", "application/json", "Authorization",
                HttpProbe.credentials("admin"));
    }

    private URI api(String path) throws URISyntaxException {
        return base.toURI().resolve("api/admin/" + path);
    }

    private static JsonObject json(HttpResponse<String> response, int status) {
        assertEquals(status, response.statusCode(), response.body());
        return Json.createReader(new StringReader(response.body())).readObject();
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return "";
        }
    }
}
