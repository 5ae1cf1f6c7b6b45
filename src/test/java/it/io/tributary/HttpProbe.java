package it.io.tributary;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.function.Predicate;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * HTTP calls from an in-container test to its own server, on the HTTP port Liberty's bootstrap property
 * {@code http.port} names (the Arquillian server's, see src/test/liberty/arquillian/bootstrap.properties).
 */
final class HttpProbe {

    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private HttpProbe() {
    }

    /** GET {@code path} without credentials. */
    static HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return get(URI.create("http://127.0.0.1:" + port() + path));
    }

    /** GET {@code url} with the given headers (name, value, name, value, ...). */
    static HttpResponse<String> get(URI url, String... headers) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(10));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The HTTP Basic {@code Authorization} value of a bridge user ({@code sender}, {@code admin}, ...). */
    static String credentials(String who) {
        Config config = ConfigProvider.getConfig();
        String pair = config.getValue("tributary.http." + who + ".user", String.class) + ":"
                + config.getValue("tributary.http." + who + ".password", String.class);
        return "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
    }

    /** POST {@code body} as text to {@code url} with the given headers (name, value, name, value, ...). */
    static HttpResponse<String> post(URI url, String body, String... headers) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(url)
                .timeout(Duration.ofSeconds(10)).POST(HttpRequest.BodyPublishers.ofString(body));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** POST {@code body} as text to {@code path} without credentials. */
    static HttpResponse<String> post(String path, String body) throws IOException, InterruptedException {
        return CLIENT.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port() + path))
                .timeout(Duration.ofSeconds(30)).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** Polls {@code path} until it answers {@code status} with a body that {@code body} accepts; returns the body. */
    static String await(String path, int status, Predicate<String> body, Duration deadline)
            throws IOException, InterruptedException {
        long end = System.nanoTime() + deadline.toNanos();
        HttpResponse<String> last = get(path);
        while (last.statusCode() != status || !body.test(last.body())) {
            assertTrue(System.nanoTime() < end, "GET " + path + " never answered " + status + " as expected within "
                    + deadline + "; last: " + last.statusCode() + " " + last.body());
            java.util.concurrent.locks.LockSupport.parkNanos(50_000_000L);
            last = get(path);
        }
        return last.body();
    }

    private static String port() {
        return System.getProperty("http.port", "9181");
    }
}
