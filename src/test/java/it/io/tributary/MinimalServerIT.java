package it.io.tributary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tributary.testing.LibertyProcess;
import io.tributary.testing.TestPorts;
import it.io.tributary.library.ConflictMapper;
import it.io.tributary.library.OrdersResource;
import it.io.tributary.library.ShopApplication;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.jboss.shrinkwrap.api.exporter.ZipExporter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A library application on a Liberty server with only the features its own code needs ({@code cdi},
 * {@code mpConfig}, {@code restfulWS}: no {@code mpMetrics}, {@code mpHealth}, {@code mpReactiveMessaging}
 * or {@code concurrent}), started as a process of its own ({@link LibertyProcess}) since the shared
 * Arquillian server has every feature. The application deploys, its injected producer and consumer move a
 * message, it has no bridge; a second application that configures a {@code tributary-jms} channel fails
 * with a message naming {@code mpReactiveMessaging}.
 */
class MinimalServerIT {

    private static final int HTTP_PORT = TestPorts.shifted(62260);
    private static final Duration DEADLINE = Duration.ofMinutes(3);
    private static final String SERVER_XML = LibertyProcess.serverXml("a user's server with the features its own code needs",
            HTTP_PORT, "cdi-4.0", "mpConfig-3.1", "restfulWS-3.1");
    private static final String EMBEDDED = "tributary.embedded.enabled=true\ntributary.embedded.port=0\n";
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @TempDir
    Path archives;

    @Test
    void aLibraryApplicationRunsWithTheMinimalFeaturesAndNamesAMissingOne() throws Exception {
        try (LibertyProcess liberty = LibertyProcess.create("minimal-h" + HTTP_PORT, SERVER_XML)) {
            liberty.deploy(war("minimal-shop", EMBEDDED)).start(Map.of(), DEADLINE);
            liberty.awaitLog("CWWKZ0001I: Application minimal-shop started", DEADLINE);

            assertEquals("placed", call("POST", "/minimal-shop/orders", "order 1").body());
            assertEquals("order 1", call("GET", "/minimal-shop/orders/next", null).body());
            assertEquals(404, call("GET", "/minimal-shop/api/streams/orders", null).statusCode());
            assertTrue(liberty.log().contains("off: stream metrics (needs mpMetrics-5.1)"), "the start-up log names"
                    + " what is off and why");

            liberty.deploy(war("minimal-connector", EMBEDDED + "mp.messaging.incoming.in.connector=tributary-jms\n"));
            String log = liberty.awaitLog("needs the Liberty feature mpReactiveMessaging-3.0", DEADLINE);
            assertTrue(log.contains("mp.messaging.incoming.in.connector=tributary-jms"), "the setting is named");
        }
    }

    private Path war(String name, String config) {
        Path file = archives.resolve(name + ".war");
        LibraryArchives.application(name, config, ShopApplication.class, OrdersResource.class, ConflictMapper.class)
                .as(ZipExporter.class).exportTo(file.toFile(), true);
        assertTrue(Files.isRegularFile(file));
        return file;
    }

    private static HttpResponse<String> call(String method, String path, String body)
            throws IOException, InterruptedException {
        HttpRequest.BodyPublisher publisher = body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body);
        return CLIENT.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + HTTP_PORT + path))
                .timeout(Duration.ofSeconds(30)).method(method, publisher).build(), HttpResponse.BodyHandlers.ofString());
    }
}
