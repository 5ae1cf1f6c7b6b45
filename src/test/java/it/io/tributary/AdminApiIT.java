package it.io.tributary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tributary.cdi.TributaryRuntime;
import io.tributary.eventstream.EventStream;
import io.tributary.eventstream.NewEvent;
import io.tributary.eventstream.Retention;
import io.tributary.eventstream.StreamIdentity;
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
import java.util.Set;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.JavaArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The console's admin API on Liberty, over HTTP: only role {@code tributary-admin} gets in (401 without
 * credentials, 403 for the sender and receiver roles, also for the console's page); the overview shows a
 * stream with its backlog and dead letters, a dead letter can be viewed and redriven, destructive actions
 * without confirmation and bad input are refused with 400 naming the problem, a missing letter is 404,
 * and every action is audited. The application's event streams are listed with their head and retained
 * range, and a range is replayed into a stream (confirmed, audited, bounded; bad offsets, limits and unknown
 * streams refused). The connector's channels are listed by name with their state, and a channel is paused
 * (its messages wait) and resumed (they arrive) by name.
 */
@ExtendWith(ArquillianExtension.class)
class AdminApiIT {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @Deployment
    static WebArchive deployment() {
        JavaArchive channel = ShrinkWrap.create(JavaArchive.class, "admin-it-channel.jar")
                .addAsManifestResource(new StringAsset(AdminChannel.CONFIG), "microprofile-config.properties");
        return Deployments.application(AdminApiIT.class, AdminChannel.class, HttpProbe.class, Deadlines.class)
                .addAsLibrary(channel);
    }

    @Inject
    Streams streams;

    @Inject
    TributaryRuntime runtime;

    @Inject
    AdminChannel channel;

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

    @Test
    void onlyTheAdminRoleMaySeeAndReplayEventStreams() throws Exception {
        EventStream ledger = ledgerWithEvents(3);
        String replay = "event-streams/it-admin/" + ledger.identity().name() + "/replay";
        String body = "{\"from\": 0, \"to\": \"" + stream + "\", \"confirm\": \"" + stream + "\"}";
        for (String user : List.of("sender", "receiver")) {
            assertEquals(403, HttpProbe.get(api("event-streams"), "Authorization", HttpProbe.credentials(user))
                    .statusCode(), user);
            assertEquals(403, HttpProbe.post(api(replay), body, "Content-Type", "application/json", "Authorization",
                    HttpProbe.credentials(user)).statusCode(), user);
        }
        assertEquals(401, HttpProbe.get(api("event-streams")).statusCode());
        assertEquals(401, HttpProbe.post(api(replay), body, "Content-Type", "application/json").statusCode());
        assertEquals(1, streams.backlog(stream), "a refused replay sends nothing");
    }

    @Test
    void anEventStreamShowsItsHeadAndRangeAndARangeIsReplayedIntoAStream() throws Exception {
        EventStream ledger = ledgerWithEvents(5);
        JsonObject row = json(get("event-streams"), 200).getJsonArray("eventStreams").stream()
                .map(JsonValue::asJsonObject).filter(r -> r.getString("name").equals(ledger.identity().name()))
                .findFirst().orElseThrow();
        assertEquals("open", row.getString("state"));
        assertEquals(0, row.getJsonNumber("first").longValue());
        assertEquals(5, row.getJsonNumber("head").longValue());
        assertEquals(5, row.getJsonNumber("retained").longValue());

        String target = stream + "-replayed";
        JsonObject replayed = json(post("event-streams/it-admin/" + ledger.identity().name() + "/replay",
                "{\"from\": 2, \"to\": \"" + target + "\", \"confirm\": \"" + target + "\"}"), 200);
        assertEquals(3, replayed.getInt("count"));
        assertEquals(5, replayed.getJsonNumber("next").longValue());
        assertEquals(3, streams.backlog(target));
        try (Consumer consumer = streams.consumer(target)) {
            List<Message> copies = consumer.receive(1, WAIT);
            assertEquals("event 2", copies.get(0).text());
            assertEquals("2", copies.get(0).tag("event_offset"));
            consumer.ack(copies.get(0));
        }
        Path log = Path.of(System.getProperty("server.output.dir"), "logs", "messages.log");
        Deadlines.await(() -> read(log).lines().anyMatch(l -> l.contains("action=replay stream=" + target)
                && l.contains("offsets 2..4") && l.contains("messages=3")), WAIT, "the audit line of the replay");
    }

    @Test
    void badReplaysAreRefusedNamingTheProblem() throws Exception {
        EventStream ledger = ledgerWithEvents(2);
        String replay = "event-streams/it-admin/" + ledger.identity().name() + "/replay";
        String target = stream + "-replayed";
        HttpResponse<String> unconfirmed = post(replay, "{\"from\": 0, \"to\": \"" + target + "\"}");
        assertEquals(400, unconfirmed.statusCode(), unconfirmed.body());
        assertTrue(unconfirmed.body().contains("confirm"), unconfirmed.body());
        HttpResponse<String> beyond = post(replay, "{\"from\": 9, \"to\": \"" + target + "\", \"confirm\": \""
                + target + "\"}");
        assertEquals(400, beyond.statusCode(), beyond.body());
        assertTrue(beyond.body().contains("offset 9") && beyond.body().contains("0 to 2"), beyond.body());
        HttpResponse<String> limit = post(replay, "{\"from\": 0, \"limit\": 20000, \"to\": \"" + target
                + "\", \"confirm\": \"" + target + "\"}");
        assertEquals(400, limit.statusCode(), limit.body());
        assertTrue(limit.body().contains("limit 20000"), limit.body());
        HttpResponse<String> unknown = post("event-streams/it-admin/no-such-ledger/replay", "{\"from\": 0, \"to\": \""
                + target + "\", \"confirm\": \"" + target + "\"}");
        assertEquals(404, unknown.statusCode(), unknown.body());
        assertTrue(unknown.body().contains("it-admin/no-such-ledger"), unknown.body());
        assertEquals(0, streams.backlog(target), "nothing was replayed");
    }

    @Test
    void onlyTheAdminRoleMaySeeAndSteerChannels() throws Exception {
        String pause = "channels/" + AdminChannel.CHANNEL + "/pause";
        String confirm = "{\"confirm\": \"" + AdminChannel.CHANNEL + "\"}";
        assertEquals(401, HttpProbe.get(api("channels")).statusCode());
        assertEquals(401, HttpProbe.post(api(pause), confirm, "Content-Type", "application/json").statusCode());
        for (String user : List.of("sender", "receiver")) {
            assertEquals(403, HttpProbe.get(api("channels"), "Authorization", HttpProbe.credentials(user))
                    .statusCode(), user);
            assertEquals(403, HttpProbe.post(api(pause), confirm, "Content-Type", "application/json", "Authorization",
                    HttpProbe.credentials(user)).statusCode(), user);
        }
        assertFalse(channelRow().getBoolean("paused"), "a refused pause changes nothing");
        HttpResponse<String> unconfirmed = post(pause, "{}");
        assertEquals(400, unconfirmed.statusCode(), unconfirmed.body());
        assertTrue(unconfirmed.body().contains("confirm"), unconfirmed.body());
        HttpResponse<String> unknown = post("channels/no-such-channel/pause", "{\"confirm\": \"no-such-channel\"}");
        assertEquals(404, unknown.statusCode(), unknown.body());
        assertTrue(unknown.body().contains("no-such-channel"), unknown.body());
    }

    @Test
    void aChannelIsListedByNameAndPausedAndResumed() throws Exception {
        JsonObject row = channelRow();
        assertEquals(AdminChannel.STREAM, row.getString("stream"));
        assertEquals("RUNNING", row.getString("state"));
        assertEquals("CONNECTED", row.getString("connection"));
        String confirm = "{\"confirm\": \"" + AdminChannel.CHANNEL + "\"}";
        assertTrue(json(post("channels/" + AdminChannel.CHANNEL + "/pause", confirm), 200).getBoolean("paused"));
        String order = "held " + stream;
        try {
            assertTrue(channelRow().getBoolean("paused"));
            try (Producer producer = streams.producer(AdminChannel.STREAM)) {
                producer.send(Message.ofText(order));
                producer.flush(WAIT);
            }
            Deadlines.await(() -> channelRow().getJsonNumber("backlog").longValue() >= 1, WAIT, "the order waiting");
            assertFalse(arrives(order, Duration.ofSeconds(1)), "a paused channel hands out nothing");
        } finally {
            assertEquals(200, post("channels/" + AdminChannel.CHANNEL + "/resume", confirm).statusCode());
        }
        assertTrue(arrives(order, WAIT), "the resumed channel delivered the order");
        Deadlines.await(() -> channelRow().getJsonNumber("acked").longValue() >= 1, WAIT, "the ack counted");
    }

    private boolean arrives(String payload, Duration within) throws InterruptedException {
        try {
            Deadlines.await(() -> channel.received().contains(payload), within, payload);
            return true;
        } catch (AssertionError notYet) {
            return false;
        }
    }

    private JsonObject channelRow() {
        try {
            return json(get("channels"), 200).getJsonArray("channels").stream().map(JsonValue::asJsonObject)
                    .filter(r -> r.getString("channel").equals(AdminChannel.CHANNEL)).findFirst().orElseThrow();
        } catch (IOException | URISyntaxException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A new event stream of this application holding {@code count} events, all sequenced. */
    private EventStream ledgerWithEvents(int count) throws InterruptedException {
        EventStream ledger = runtime.eventStream(new StreamIdentity("it-admin", "ledger-" + stream.substring(9)),
                Set.of("placed"), Retention.ofCount(100));
        for (int i = 0; i < count; i++) {
            ledger.append(NewEvent.ofText("placed", "event " + i));
        }
        Deadlines.await(() -> ledger.head() == count, WAIT, "the events sequenced");
        return ledger;
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
