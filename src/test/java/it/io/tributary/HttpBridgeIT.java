package it.io.tributary;

import io.tributary.cdi.TributaryRuntime;
import io.tributary.stream.Consumer;
import io.tributary.stream.Message;
import io.tributary.stream.Producer;
import io.tributary.stream.Streams;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import org.eclipse.microprofile.config.ConfigProvider;
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
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The HTTP bridge inside Liberty with the real WAR: every call needs a login and a role (401 without
 * credentials or with wrong ones, 403 without the role, nothing routed or consumed either way); only the
 * streams of {@code tributary.http.streams} are served and internal queues never (nothing is created for
 * a refused name); at-least-once receive leases messages until they are acked, and an unsettled lease
 * expires and its messages come again; leases are bounded; at-most-once stays available by choice.
 * The server (src/test/liberty/arquillian/server.xml) lists the streams and sets a 5 s lease, 3 leases at
 * most; its users come from the environment (pom.xml).
 */
@ExtendWith(ArquillianExtension.class)
class HttpBridgeIT {

    private static final Duration DEADLINE = Duration.ofSeconds(30);

    @Deployment
    static WebArchive deployment() {
        return Deployments.application(HttpBridgeIT.class);
    }

    @Inject
    Streams streams;

    @Inject
    TributaryRuntime runtime;

    @ArquillianResource
    URL base;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    @Test
    void withoutValidCredentialsEveryCallAnswers401AndNothingIsRoutedOrConsumed() throws Exception {
        String stream = "it-denied";
        drain(stream);
        put(stream, "kept");
        for (String auth : new String[] {null, basic("it-receiver", "wrong-password-1234"), basic("nobody", "x")}) {
            assertEquals(401, call("POST", stream + "/messages", "intruder", auth).statusCode());
            assertEquals(401, call("POST", stream + "/receive?max=10", "", auth).statusCode());
            assertEquals(401, call("POST", stream + "/receive?max=10&mode=at-most-once", "", auth).statusCode());
            assertEquals(401, call("GET", stream, null, auth).statusCode());
            assertEquals(401, call("POST", stream + "/leases/any/ack", "", auth).statusCode());
        }
        HttpResponse<String> challenge = call("GET", stream, null, null);
        assertTrue(challenge.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Basic"),
                challenge.headers().map().toString());
        assertEquals(1, streams.backlog(stream), "nothing was sent and nothing consumed");
    }

    @Test
    void aUserWithoutTheRoleGets403AndNothingHappens() throws Exception {
        String stream = "it-denied";
        drain(stream);
        put(stream, "kept");
        HttpResponse<String> receive = call("POST", stream + "/receive?max=10&mode=at-most-once", "", sender());
        assertEquals(403, receive.statusCode(), receive.body());
        HttpResponse<String> send = call("POST", stream + "/messages", "not allowed", receiver());
        assertEquals(403, send.statusCode(), send.body());
        assertEquals(1, streams.backlog(stream), "nothing was sent and nothing consumed");
        assertEquals(200, call("GET", stream, null, sender()).statusCode(), "any role may read the backlog");
    }

    @Test
    void internalAndUnlistedQueuesAreNeverReachable() throws Exception {
        for (String internal : List.of("it-http.DLQ", "tributary.events.it.ledger.intake",
                "tributary.events.it.ledger.head", "activemq.management", "DLQ", "DLQ.it-http", "ExpiryQueue", "broker")) {
            HttpResponse<String> read = call("POST", internal + "/receive?mode=at-most-once", "", admin());
            assertEquals(403, read.statusCode(), internal + ": " + read.body());
            assertTrue(read.body().contains("'" + internal + "'"), read.body());
            assertEquals(403, call("POST", internal + "/messages", "garbage", admin()).statusCode(), internal);
            assertEquals(403, call("GET", internal, null, admin()).statusCode(), internal);
        }
        assertEquals(400, call("POST", "it-http%24retries/messages", "garbage", admin()).statusCode());
        String unlisted = "it-unlisted-" + System.nanoTime();
        HttpResponse<String> refused = call("POST", unlisted + "/messages", "x", admin());
        assertEquals(404, refused.statusCode(), refused.body());
        assertTrue(refused.body().contains(unlisted) && refused.body().contains("tributary.http.streams"),
                refused.body());
        assertEquals(404, call("POST", unlisted + "/receive", "", admin()).statusCode());
        assertNull(runtime.embeddedBroker().orElseThrow().server().locateQueue(unlisted),
                "a refused name creates no queue");
    }

    @Test
    void aLeasedMessageIsAckedByALaterCall() throws Exception {
        String stream = "it-lease-ack";
        drain(stream);
        HttpResponse<String> posted = call("POST", stream + "/messages", "hello", sender(), "k1");
        assertEquals(202, posted.statusCode(), posted.body());
        String id = json(posted.body()).getString("id");
        assertEquals(1, json(call("GET", stream, null, receiver()).body()).getInt("backlog"));

        JsonObject leased = json(call("POST", stream + "/receive?max=5&waitMs=5000", "", receiver()).body());
        JsonArray messages = leased.getJsonArray("messages");
        assertEquals(1, messages.size(), leased.toString());
        assertEquals(id, messages.getJsonObject(0).getString("id"));
        assertEquals("hello", messages.getJsonObject(0).getString("text"));
        assertEquals("k1", messages.getJsonObject(0).getString("key"));
        String lease = leased.getString("lease");
        assertEquals(1, streams.backlog(stream), "a leased message is not acknowledged yet");

        HttpResponse<String> wrongId = call("POST", stream + "/leases/" + lease + "/ack", "[\"no-such-id\"]",
                receiver());
        assertEquals(400, wrongId.statusCode(), wrongId.body());
        HttpResponse<String> acked = call("POST", stream + "/leases/" + lease + "/ack", "[\"" + id + "\"]",
                receiver());
        assertEquals(200, acked.statusCode(), acked.body());
        assertEquals(1, json(acked.body()).getInt("settled"));
        assertEquals(0, json(acked.body()).getInt("unsettled"));
        assertEquals(0, streams.backlog(stream), "the ack committed");
        assertEquals(404, call("POST", stream + "/leases/" + lease + "/ack", "", receiver()).statusCode(),
                "a settled lease is forgotten");
    }

    @Test
    void anUnsettledLeaseExpiresAndItsMessagesComeAgain() throws Exception {
        String stream = "it-lease-expiry";
        drain(stream);
        put(stream, "again");
        JsonObject first = json(call("POST", stream + "/receive?max=5&waitMs=5000", "", receiver()).body());
        assertEquals(1, first.getJsonArray("messages").size(), first.toString());
        assertEquals(1, first.getJsonArray("messages").getJsonObject(0).getInt("attempt"));
        String lease = first.getString("lease");

        JsonObject again = awaitMessages(stream + "/receive?max=5&waitMs=1000", receiver(),
                "the message of the expired lease");
        JsonObject m = again.getJsonArray("messages").getJsonObject(0);
        assertEquals("again", m.getString("text"));
        assertEquals(2, m.getInt("attempt"), "the redelivery counts as the second attempt");
        assertEquals(404, call("POST", stream + "/leases/" + lease + "/ack", "", receiver()).statusCode(),
                "an expired lease can no longer be settled");
        HttpResponse<String> acked = call("POST", stream + "/leases/" + again.getString("lease") + "/ack", "",
                receiver());
        assertEquals(200, acked.statusCode(), acked.body());
        assertEquals(0, streams.backlog(stream));
    }

    @Test
    void aNackedMessageIsRetriedAndAtMostOnceAcknowledgesBeforeAnswering() throws Exception {
        String stream = "it-lease-nack";
        drain(stream);
        put(stream, "retry me");
        JsonObject leased = json(call("POST", stream + "/receive?max=5&waitMs=5000", "", admin()).body());
        HttpResponse<String> nacked = call("POST", stream + "/leases/" + leased.getString("lease")
                + "/nack?reason=not+now", "", admin());
        assertEquals(200, nacked.statusCode(), nacked.body());
        assertEquals(1, streams.backlog(stream), "the nacked message waits for its retry");

        JsonObject once = awaitMessages(stream + "/receive?max=5&waitMs=1000&mode=at-most-once", admin(),
                "the nacked message");
        assertFalse(once.containsKey("lease"), "at most once holds no lease: " + once);
        assertEquals(2, once.getJsonArray("messages").getJsonObject(0).getInt("attempt"));
        assertEquals(0, streams.backlog(stream), "at most once acknowledged before answering");
        HttpResponse<String> badMode = call("POST", stream + "/receive?mode=sometimes", "", admin());
        assertEquals(400, badMode.statusCode(), badMode.body());
        assertTrue(badMode.body().contains("mode=sometimes"), badMode.body());
    }

    @Test
    void leasesAreBoundedAndAFullBridgeTakesNothing() throws Exception {
        String stream = "it-lease-bound";
        drain(stream);
        put(stream, "1", "2", "3", "4");
        String[] leases = new String[3];
        for (int i = 0; i < leases.length; i++) {
            JsonObject leased = json(call("POST", stream + "/receive?max=1&waitMs=5000", "", receiver()).body());
            assertEquals(1, leased.getJsonArray("messages").size(), leased.toString());
            leases[i] = leased.getString("lease");
        }
        HttpResponse<String> full = call("POST", stream + "/receive?max=1&waitMs=1000", "", receiver());
        assertEquals(429, full.statusCode(), full.body());
        assertTrue(full.body().contains("tributary.http.max-leases"), full.body());
        assertEquals(4, streams.backlog(stream), "a refused receive takes nothing");
        for (String lease : leases) {
            assertEquals(200, call("POST", stream + "/leases/" + lease + "/ack", "", receiver()).statusCode());
        }
        JsonObject last = json(call("POST", stream + "/receive?max=1&waitMs=5000", "", receiver()).body());
        assertEquals(1, last.getJsonArray("messages").size(), last.toString());
        assertEquals(200, call("POST", stream + "/leases/" + last.getString("lease") + "/ack", "", receiver())
                .statusCode());
        assertEquals(0, streams.backlog(stream));
    }

    @Test
    void badParametersAndOversizedBodiesAreRefused() throws Exception {
        HttpResponse<String> badName = call("GET", "bad%20name!", null, admin());
        assertEquals(400, badName.statusCode(), badName.body());
        assertTrue(badName.body().contains("A-Z, a-z, 0-9"), badName.body());
        HttpResponse<String> badMax = call("POST", "it-http/receive?max=0", "", admin());
        assertEquals(400, badMax.statusCode(), badMax.body());
        assertTrue(badMax.body().contains("max=0"), badMax.body());
        HttpResponse<String> tooBig = http.send(request("POST", "it-big/messages",
                HttpRequest.BodyPublishers.ofByteArray(new byte[(1 << 20) + 1]), sender(), null),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(413, tooBig.statusCode(), tooBig.body());
        assertEquals(0, streams.backlog("it-big"), "nothing of a refused body is sent");
    }

    /** Receives with {@code path} until messages come (each call waits on the server); fails after the deadline. */
    private JsonObject awaitMessages(String path, String auth, String what) throws Exception {
        long end = System.nanoTime() + DEADLINE.toNanos();
        JsonObject answer = json(call("POST", path, "", auth).body());
        while (answer.getJsonArray("messages").isEmpty()) {
            assertTrue(System.nanoTime() < end, what + " never came again within " + DEADLINE);
            answer = json(call("POST", path, "", auth).body());
        }
        return answer;
    }

    private HttpResponse<String> call(String method, String path, String body, String auth) throws Exception {
        return call(method, path, body, auth, null);
    }

    private HttpResponse<String> call(String method, String path, String body, String auth, String key)
            throws Exception {
        HttpRequest.BodyPublisher publisher = body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body);
        return http.send(request(method, path, publisher, auth, key), HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest request(String method, String path, HttpRequest.BodyPublisher body, String auth, String key) {
        String root = base.toString();
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create((root.endsWith("/") ? root : root + "/")
                + "api/streams/" + path)).timeout(DEADLINE).method(method, body);
        if (auth != null) {
            b.header("Authorization", auth);
        }
        if (key != null) {
            b.header("Tributary-Key", key);
        }
        return b.build();
    }

    private static String sender() {
        return configured("sender");
    }

    private static String receiver() {
        return configured("receiver");
    }

    private static String admin() {
        return configured("admin");
    }

    /** The credentials of a bridge user as the server has them (MicroProfile Config, from the environment). */
    private static String configured(String who) {
        var config = ConfigProvider.getConfig();
        return basic(config.getValue("tributary.http." + who + ".user", String.class),
                config.getValue("tributary.http." + who + ".password", String.class));
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    private void put(String stream, String... texts) throws Exception {
        try (Producer p = streams.producer(stream)) {
            for (String text : texts) {
                p.send(Message.ofText(text)).toCompletableFuture().get(DEADLINE.toSeconds(), TimeUnit.SECONDS);
            }
        }
    }

    /** Takes what earlier runs left in {@code stream} (the server's journal outlives a run). */
    private void drain(String stream) throws InterruptedException {
        try (Consumer c = streams.consumer(stream)) {
            List<Message> batch = c.receive(1000, Duration.ofMillis(200));
            while (!batch.isEmpty()) {
                batch.forEach(c::ack);
                batch = c.receive(1000, Duration.ofMillis(200));
            }
        }
    }

    private static JsonObject json(String body) {
        return Json.createReader(new StringReader(body)).readObject();
    }
}
