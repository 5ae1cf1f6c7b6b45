package io.tributary.tracing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.LinkData;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.tributary.stream.Consumer;
import io.tributary.stream.ConsumerOptions;
import io.tributary.stream.Message;
import io.tributary.stream.Producer;
import io.tributary.stream.ProducerOptions;
import io.tributary.stream.RedeliveryPolicy;
import io.tributary.stream.Streams;
import io.tributary.stream.jms.JmsStreams;
import io.tributary.testing.EmbeddedBroker;
import jakarta.jms.Connection;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Tracing on a real (embedded) Artemis with the OpenTelemetry SDK and an in-memory exporter: the spans
 * of the messaging semantic conventions, the W3C context carried as JMS properties, links, settle
 * outcomes, the HTTP continuation, and messages from foreign clients with no or garbage trace context.
 */
class TracingTest {

    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final AttributeKey<String> OUTCOME = MessagingSpans.SETTLE_OUTCOME;

    @RegisterExtension
    static final EmbeddedBroker BROKER = new EmbeddedBroker();

    private final InMemorySpanExporter exported = InMemorySpanExporter.create();
    private OpenTelemetrySdk sdk;
    private Streams streams;
    private String stream;

    @BeforeEach
    void traced() {
        sdk = OpenTelemetrySdk.builder().setTracerProvider(SdkTracerProvider.builder()
                .addSpanProcessor(SimpleSpanProcessor.create(exported)).build()).build();
        streams = OpenTelemetryTracing.of(sdk, "activemq").traced(new JmsStreams(BROKER.factory(),
                ProducerOptions.DEFAULTS, ConsumerOptions.DEFAULTS, ".DLQ"));
        stream = "traced-" + UUID.randomUUID();
    }

    @AfterEach
    void close() {
        streams.close();
        sdk.close();
    }

    @Test
    void aSentAndProcessedMessageIsOneTraceWithSendReceiveAndProcessSpans() throws Exception {
        Span caller = sdk.getTracer("test").spanBuilder("caller").startSpan();
        Message sent = Message.ofText("hello");
        try (Scope ignored = caller.makeCurrent(); Producer producer = streams.producer(stream)) {
            producer.send(sent).toCompletableFuture().get(5, TimeUnit.SECONDS);
        }
        caller.end();
        Message received;
        try (Consumer consumer = streams.consumer(stream)) {
            received = consumer.receive(10, WAIT).get(0);
            consumer.ack(received);
        }

        SpanData send = only("send " + stream);
        assertEquals(SpanKind.PRODUCER, send.getKind());
        assertEquals(caller.getSpanContext().getSpanId(), send.getParentSpanId(), "send is a child of the caller");
        assertEquals("activemq", send.getAttributes().get(MessagingSpans.SYSTEM));
        assertEquals(stream, send.getAttributes().get(MessagingSpans.DESTINATION));
        assertEquals("send", send.getAttributes().get(MessagingSpans.OPERATION_TYPE));
        assertEquals(sent.id(), send.getAttributes().get(MessagingSpans.MESSAGE_ID));
        assertEquals("00-" + send.getTraceId() + "-" + send.getSpanId() + "-01", received.tag("traceparent"),
                "the W3C traceparent travels as a JMS string property");
        assertEquals(sent.id(), received.id(), "tracing keeps the message id (duplicate detection)");
        assertEquals(send.getSpanId(), TraceContext.of(Map.of("traceparent", received.tag("traceparent"))).getSpanId(),
                "the creation context from tags as text, as the connector's IncomingMetadata has them");

        SpanData receive = only("receive " + stream);
        assertEquals(SpanKind.CONSUMER, receive.getKind());
        assertEquals(1L, receive.getAttributes().get(MessagingSpans.BATCH_COUNT));
        assertEquals(List.of(send.getTraceId() + "/" + send.getSpanId()), receive.getLinks().stream()
                .map(LinkData::getSpanContext).map(c -> c.getTraceId() + "/" + c.getSpanId()).toList(),
                "the receive span links to the message's creation context");

        SpanData process = only("process " + stream);
        assertEquals(send.getTraceId(), process.getTraceId(), "one trace from send to process");
        assertEquals(send.getSpanId(), process.getParentSpanId(), "process is parented on the producer's span");
        assertEquals("ack", process.getAttributes().get(OUTCOME));
        assertEquals(sent.id(), process.getAttributes().get(MessagingSpans.MESSAGE_ID));
        assertEquals(StatusCode.UNSET, process.getStatus().getStatusCode());
    }

    @Test
    void sendAllIsOneSpanWithTheBatchCountAndEveryMessageCarriesIt() throws Exception {
        try (Producer producer = streams.producer(stream)) {
            producer.sendAll(List.of(Message.ofText("a"), Message.ofText("b"), Message.ofText("c")))
                    .toCompletableFuture().get(5, TimeUnit.SECONDS);
        }
        SpanData send = only("send " + stream);
        assertEquals(3L, send.getAttributes().get(MessagingSpans.BATCH_COUNT));
        try (Consumer consumer = streams.consumer(stream)) {
            for (Message m : receiveAll(consumer, 3)) {
                assertEquals("00-" + send.getTraceId() + "-" + send.getSpanId() + "-01", m.tag("traceparent"));
            }
        }
        assertEquals(3, spans("process " + stream).size());
    }

    @Test
    void nacksRecordRetryThenDeadLetterWithTheReason() throws Exception {
        ConsumerOptions twoAttempts = ConsumerOptions.DEFAULTS.withRedelivery(
                new RedeliveryPolicy(2, Duration.ZERO, 1.0, Duration.ZERO));
        try (Producer producer = streams.producer(stream)) {
            producer.send(Message.ofText("poison")).toCompletableFuture().get(5, TimeUnit.SECONDS);
        }
        try (Consumer consumer = streams.consumer(stream, twoAttempts)) {
            for (int attempt = 1; attempt <= 2; attempt++) {
                Message m = consumer.receive(1, WAIT).get(0);
                consumer.nack(m, "bad order " + attempt);
            }
        }
        List<SpanData> process = spans("process " + stream);
        assertEquals(List.of("retry", "dead_letter"), process.stream().map(s -> s.getAttributes().get(OUTCOME)).toList());
        for (SpanData s : process) {
            assertEquals(StatusCode.ERROR, s.getStatus().getStatusCode());
            assertEquals(s.getAttributes().get(OUTCOME), s.getAttributes().get(MessagingSpans.ERROR_TYPE));
            assertEquals(only("send " + stream).getSpanId(), s.getParentSpanId(), "a retry keeps the producer's context");
        }
        assertEquals("bad order 2", process.get(1).getStatus().getDescription());
    }

    @Test
    void unsettledMessagesEndAsReleasedWhenTheConsumerCloses() throws Exception {
        try (Producer producer = streams.producer(stream)) {
            producer.send(Message.ofText("left")).toCompletableFuture().get(5, TimeUnit.SECONDS);
        }
        try (Consumer consumer = streams.consumer(stream)) {
            assertEquals(1, consumer.receive(1, WAIT).size());
        }
        assertEquals("released", only("process " + stream).getAttributes().get(OUTCOME));
    }

    @Test
    void foreignMessagesWithNoOrMalformedTraceContextStillFlowUntraced() throws Exception {
        String valid = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";
        Map<String, String> traceparents = Map.of(
                "none", "",
                "garbage", "not a traceparent",
                "control", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01\r\nInjected: yes",
                "too-long", "00-" + "f".repeat(5000),
                "valid", valid);
        try (Connection connection = BROKER.factory().createConnection()) {
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageProducer producer = session.createProducer(session.createQueue(stream));
            for (Map.Entry<String, String> e : traceparents.entrySet()) {
                TextMessage m = session.createTextMessage(e.getKey());
                if (!e.getValue().isEmpty()) {
                    m.setStringProperty("traceparent", e.getValue());
                    m.setStringProperty("tracestate", "\u0000broken");
                }
                producer.send(m);
            }
        }
        List<Message> batch;
        try (Consumer consumer = streams.consumer(stream)) {
            batch = receiveAll(consumer, traceparents.size());
        }
        assertEquals(traceparents.keySet(), batch.stream().map(Message::text).collect(Collectors.toSet()),
                "every foreign message is delivered, none dead-lettered for its trace context");
        assertEquals(0, streams.backlog(streams.deadLetterStream(stream)));
        List<SpanData> process = spans("process " + stream);
        assertEquals(traceparents.size(), process.size());
        SpanData foreign = process.stream().filter(s -> s.getTraceId().equals("0af7651916cd43dd8448eb211c80319c"))
                .findFirst().orElseThrow();
        assertEquals("b7ad6b7169203331", foreign.getParentSpanId(), "a valid foreign context is continued");
        SpanData receive = spans("receive " + stream).get(0);
        assertEquals(1, receive.getLinks().size(), "only the valid context is linked");
        long untraced = process.stream().filter(s -> s.getParentSpanId().equals(receive.getSpanId())).count();
        assertEquals(traceparents.size() - 1, untraced, "messages without a valid context hang under the receive span");
    }

    @Test
    void anIncomingTraceparentHeaderIsContinuedBySends() throws Exception {
        Tracing tracing = OpenTelemetryTracing.of(sdk, "activemq");
        Map<String, String> headers = Map.of("traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01");
        try (Scope ignored = tracing.continueFrom(headers::get); Producer producer = streams.producer(stream)) {
            producer.send(Message.ofText("over http")).toCompletableFuture().get(5, TimeUnit.SECONDS);
        }
        SpanData send = only("send " + stream);
        assertEquals("4bf92f3577b34da6a3ce929d0e0e4736", send.getTraceId());
        assertEquals("00f067aa0ba902b7", send.getParentSpanId());
        try (Scope ignored = tracing.continueFrom(Map.of("traceparent", "garbage\n")::get)) {
            assertFalse(Span.current().getSpanContext().isValid(), "a malformed header changes nothing");
        }
    }

    @Test
    void withoutARecordingOpenTelemetryTracingIsOffAndStreamsAreUntouched() {
        assertSame(Tracing.OFF, OpenTelemetryTracing.of(OpenTelemetry.noop(), "activemq"));
        try (Streams plain = new JmsStreams(BROKER.factory(), ProducerOptions.DEFAULTS, ConsumerOptions.DEFAULTS,
                ".DLQ")) {
            assertSame(plain, Tracing.OFF.traced(plain));
        }
        assertTrue(exported.getFinishedSpanItems().isEmpty(), "the probe span is never exported");
        assertFalse(TraceContext.of(Message.ofText("x")).isValid(), "a message without tags has no context");
    }

    /** Receives and acks {@code n} messages. */
    private static List<Message> receiveAll(Consumer consumer, int n) throws InterruptedException {
        List<Message> all = new ArrayList<>();
        while (all.size() < n) {
            List<Message> batch = consumer.receive(n - all.size(), WAIT);
            assertFalse(batch.isEmpty(), "only " + all.size() + " of " + n + " messages arrived");
            batch.forEach(consumer::ack);
            all.addAll(batch);
        }
        return all;
    }

    private List<SpanData> spans(String name) {
        return exported.getFinishedSpanItems().stream().filter(s -> s.getName().equals(name)).toList();
    }

    private SpanData only(String name) {
        List<SpanData> found = spans(name);
        assertEquals(1, found.size(), () -> "spans named " + name + ": " + exported.getFinishedSpanItems());
        return found.get(0);
    }
}
