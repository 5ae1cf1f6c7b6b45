package it.io.tributary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.logs.SdkLoggerProvider;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.tributary.testing.Deadlines;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Scope;
import io.tributary.cdi.Events;
import io.tributary.eventstream.Cursor;
import io.tributary.eventstream.Event;
import io.tributary.eventstream.EventHandling;
import io.tributary.eventstream.EventStream;
import io.tributary.eventstream.NewEvent;
import jakarta.inject.Inject;
import java.io.File;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.JavaArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Tracing on Liberty: a message sent over the HTTP bridge with a W3C {@code traceparent} header and
 * consumed by an {@code @Incoming} method of the {@code tributary-jms} connector yields one trace: the
 * bridge's {@code send} span continues the caller's span, the {@code receive} span links to it, and
 * the {@code process} span is its child, settled with {@code ack}, and the span the {@code @Incoming} method
 * starts is a child of the {@code process} span (current while the method runs). An injected event
 * stream's append continues the caller's trace, and the handling of the event read back is its child.
 */
@ExtendWith(ArquillianExtension.class)
class TracingIT {

    /** A stream the HTTP bridge serves (tributary.http.streams of the test server). */
    private static final String QUEUE = "it-traced";
    private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
    private static final String CALLER_SPAN = "00f067aa0ba902b7";
    private static final String CHANNELS = """
            mp.messaging.incoming.traced-in.connector=tributary-jms
            mp.messaging.incoming.traced-in.destination=queue://%s
            """.formatted(QUEUE);

    @Deployment
    static WebArchive deployment() {
        JavaArchive channels = ShrinkWrap.create(JavaArchive.class, "tracing-it-channels.jar")
                .addAsManifestResource(new StringAsset(CHANNELS), "microprofile-config.properties");
        WebArchive war = Deployments.application(TracingIT.class, TracedOrders.class, HttpProbe.class, Deadlines.class)
                .addAsLibrary(channels);
        for (Class<?> sdkPart : List.of(OpenTelemetrySdk.class, SdkTracerProvider.class, CompletableResultCode.class,
                InMemorySpanExporter.class, SdkMeterProvider.class, SdkLoggerProvider.class)) {
            war.addAsLibrary(jarOf(sdkPart));
        }
        return war;
    }

    @Inject
    TracedOrders orders;

    @Inject
    @Events(owner = "it", name = "traced-ledger", types = {"noted"})
    EventStream ledger;

    @ArquillianResource
    URL base;

    @Test
    void anHttpSendConsumedByAnIncomingMethodIsOneTrace() throws Exception {
        HttpResponse<String> sent = HttpProbe.post(base.toURI().resolve("api/streams/" + QUEUE + "/messages"),
                "order-1", "traceparent", "00-" + TRACE_ID + "-" + CALLER_SPAN + "-01",
                "Authorization", HttpProbe.credentials("sender"));
        assertEquals(202, sent.statusCode(), sent.body());
        Deadlines.await(() -> spans("send " + QUEUE).size() == 1, Duration.ofSeconds(30), "the send span");
        SpanData send = only("send " + QUEUE);
        Deadlines.await(() -> spans("process " + QUEUE).stream().anyMatch(s -> s.getParentSpanId().equals(
                send.getSpanId())), Duration.ofSeconds(30), "the process span of the consumed order");
        assertEquals(SpanKind.PRODUCER, send.getKind());
        assertEquals(TRACE_ID, send.getTraceId(), "the bridge continues the caller's trace");
        assertEquals(CALLER_SPAN, send.getParentSpanId());
        SpanData receive = spans("receive " + QUEUE).stream().filter(s -> s.getLinks().stream()
                .anyMatch(l -> l.getSpanContext().getSpanId().equals(send.getSpanId()))).findFirst().orElseThrow();
        assertEquals(SpanKind.CONSUMER, receive.getKind());
        SpanData process = spans("process " + QUEUE).stream().filter(s -> s.getParentSpanId().equals(
                send.getSpanId())).findFirst().orElseThrow();
        assertEquals(TRACE_ID, process.getTraceId(), "one trace from the HTTP caller to the @Incoming method");
        assertEquals(send.getSpanId(), process.getParentSpanId());
        assertEquals("ack", process.getAttributes().get(AttributeKey.stringKey(
                "tributary.settle.outcome")));
        assertTrue(orders.received().contains("order-1"), "the @Incoming method got it: " + orders.received());
        SpanData handle = only("handle order-1");
        assertEquals(process.getSpanId(), handle.getParentSpanId(), "the method's own span nests under process");
    }

    @Test
    void anInjectedEventStreamCarriesTheAppendersTraceToTheHandlingOfEachEvent() {
        long from = ledger.head();
        Span caller = orders.openTelemetry().getTracer("it").spanBuilder("appender").startSpan();
        try (Scope ignored = caller.makeCurrent()) {
            ledger.append(NewEvent.ofText("noted", "event-1"));
        }
        caller.end();
        String name = "it/traced-ledger";
        try (Cursor cursor = ledger.open(from, Set.of("noted"))) {
            Event event = cursor.next(Duration.ofSeconds(30)).orElseThrow();
            try (EventHandling handling = cursor.handling(event)) {
                orders.openTelemetry().getTracer("it").spanBuilder("handle " + event.text()).startSpan().end();
            }
        }
        String traceId = caller.getSpanContext().getTraceId();
        SpanData send = only("send " + name, traceId);
        assertEquals(caller.getSpanContext().getSpanId(), send.getParentSpanId(), "the append continues the caller");
        assertEquals("activemq", send.getAttributes().get(AttributeKey.stringKey("messaging.system")));
        SpanData process = only("process " + name, traceId);
        assertEquals(send.getSpanId(), process.getParentSpanId(), "handling is parented on the append");
        assertEquals(process.getSpanId(), only("handle event-1", traceId).getParentSpanId());
    }

    private List<SpanData> spans(String name) {
        return orders.exporter().getFinishedSpanItems().stream().filter(s -> s.getName().equals(name)).toList();
    }

    private SpanData only(String name) {
        return only(name, TRACE_ID);
    }

    private SpanData only(String name, String traceId) {
        List<SpanData> found = spans(name).stream().filter(s -> s.getTraceId().equals(traceId)).toList();
        assertEquals(1, found.size(), () -> name + ": " + orders.exporter().getFinishedSpanItems());
        return found.get(0);
    }

    private static File jarOf(Class<?> type) {
        try {
            return new File(type.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException("cannot locate the jar of " + type.getName(), e);
        }
    }
}
