package it.io.tributary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tributary.cdi.TributaryRuntime;
import io.tributary.metrics.microprofile.MicroProfileMeters;
import io.tributary.stream.Consumer;
import io.tributary.stream.Message;
import io.tributary.stream.Producer;
import io.tributary.stream.Streams;
import jakarta.inject.Inject;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.metrics.MetricID;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;
import org.eclipse.microprofile.metrics.annotation.RegistryScope;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Tributary's metrics on Liberty's mpMetrics-5.1: the per-stream counters, timers and gauges in the
 * application registry move with sends and receives through injected streams, and {@code /metrics}
 * refuses a caller without credentials (Liberty's default: the administrator role is required).
 */
@ExtendWith(ArquillianExtension.class)
class MetricsIT {

    /** Unique per run: the server's journal outlives a test run, and the backlog is read from it. */
    private static final String STREAM = "it-metrics-" + Long.toString(System.currentTimeMillis(), 36);

    @Deployment
    static WebArchive deployment() {
        return Deployments.application(MetricsIT.class, HttpProbe.class);
    }

    @Inject
    Streams streams;

    @Inject
    TributaryRuntime runtime;

    @Inject
    @RegistryScope(scope = MetricRegistry.APPLICATION_SCOPE)
    MetricRegistry registry;

    @Test
    void countsMoveWithSendsAndReceives() throws Exception {
        try (Producer p = streams.producer(STREAM); Consumer c = streams.consumer(STREAM)) {
            for (String text : List.of("a", "b", "c")) {
                p.send(Message.ofText(text)).toCompletableFuture().get(10, TimeUnit.SECONDS);
            }
            List<Message> batch = c.receive(3, Duration.ofSeconds(10));
            assertEquals(3, batch.size());
            assertEquals(3L, gauge("tributary.stream.unsettled"));
            c.ack(batch.get(0));
            c.ack(batch.get(1));
            c.nack(batch.get(2), "metrics test");
        }
        assertEquals(3, counter("tributary.stream.sent"));
        assertEquals(3, counter("tributary.stream.received"));
        assertEquals(2, counter("tributary.stream.acked"));
        assertEquals(1, counter("tributary.stream.nacked"));
        assertEquals(0, counter("tributary.stream.dead.lettered"));
        assertEquals(3, registry.getTimer(id("tributary.stream.send.latency")).getCount());
        assertEquals(3, registry.getTimer(id("tributary.stream.processing.latency")).getCount());
        assertEquals(0L, gauge("tributary.stream.sends.in.flight"));
        assertEquals(0L, gauge("tributary.stream.unsettled"));
        assertEquals(1L, gauge("tributary.stream.backlog"), "the nacked message waits for its retry");
        assertEquals(2L, registry.getGauge(new MetricID("tributary.connection.state", app())).getValue().longValue());
    }

    @Test
    void metricsEndpointRequiresAuthentication() throws Exception {
        HttpResponse<String> response = HttpProbe.get("/metrics?scope=application");
        assertTrue(response.statusCode() == 401 || response.statusCode() == 403,
                "expected 401/403 without credentials, got " + response.statusCode() + " " + response.body());
        assertFalse(response.body().contains("tributary_stream"), response.body());
    }

    private long counter(String name) {
        return registry.getCounter(id(name)).getCount();
    }

    private long gauge(String name) {
        return registry.getGauge(id(name)).getValue().longValue();
    }

    private MetricID id(String name) {
        return new MetricID(name, app(), new Tag("stream", STREAM));
    }

    private Tag app() {
        return new Tag(MicroProfileMeters.APP_TAG, runtime.applicationName());
    }
}
