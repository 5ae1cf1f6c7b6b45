package io.tributary.tracing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import io.tributary.eventstream.Cursor;
import io.tributary.eventstream.Event;
import io.tributary.eventstream.EventHandler;
import io.tributary.eventstream.EventReplay;
import io.tributary.eventstream.EventStream;
import io.tributary.eventstream.EventTrace;
import io.tributary.eventstream.ExponentialBackoff;
import io.tributary.eventstream.NewEvent;
import io.tributary.eventstream.Retention;
import io.tributary.eventstream.StreamConsumer;
import io.tributary.eventstream.StreamIdentity;
import io.tributary.stream.Consumer;
import io.tributary.stream.ConsumerOptions;
import io.tributary.stream.Message;
import io.tributary.stream.Producer;
import io.tributary.stream.ProducerOptions;
import io.tributary.stream.Streams;
import io.tributary.stream.memory.MemoryStreams;
import io.tributary.testing.Deadlines;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Tracing of an event-stream implementation with the OpenTelemetry SDK and an in-memory exporter: the
 * {@code send} span of an append and the context stored with each event, the {@code receive} and
 * {@code process} spans of reading and handling (through a {@link StreamConsumer}), events appended
 * without context, a failing handler, and replay into a message stream. Each implementation supplies
 * {@link #open}.
 */
abstract class EventStreamTracingContract {

    static final Duration WAIT = Duration.ofSeconds(10);
    private static final Set<String> TYPES = Set.of("credited", "debited");

    private final InMemorySpanExporter exported = InMemorySpanExporter.create();
    private OpenTelemetrySdk sdk;
    private EventStream plain;
    private EventStream traced;
    private String destination;

    /** A new stream {@code identity} of the implementation under test, carrying {@code types}. */
    protected abstract EventStream open(StreamIdentity identity, Set<String> types);

    /** The {@code messaging.system} the spans are expected to name. */
    protected abstract String system();

    @BeforeEach
    void traced() {
        sdk = OpenTelemetrySdk.builder().setTracerProvider(SdkTracerProvider.builder()
                .addSpanProcessor(SimpleSpanProcessor.create(exported)).build()).build();
        StreamIdentity identity = new StreamIdentity("billing", "ledger-" + UUID.randomUUID().toString().substring(0, 8));
        destination = identity.toString();
        plain = open(identity, TYPES);
        traced = OpenTelemetryTracing.of(sdk, system()).traced(plain);
    }

    @AfterEach
    void close() {
        traced.close();
        sdk.close();
    }

    @Test
    void anAppendedAndHandledEventIsOneTraceWithSendReceiveAndProcessSpans() throws Exception {
        Span caller = sdk.getTracer("test").spanBuilder("caller").startSpan();
        try (Scope ignored = caller.makeCurrent()) {
            traced.append(NewEvent.ofText("credited", "{\"amount\":5}"));
        }
        caller.end();
        List<Event> handled = new CopyOnWriteArrayList<>();
        consume(1, event -> {
            sdk.getTracer("test").spanBuilder("handler").startSpan().end();
            handled.add(event);
        });

        SpanData send = only("send " + destination);
        assertEquals(SpanKind.PRODUCER, send.getKind());
        assertEquals(caller.getSpanContext().getSpanId(), send.getParentSpanId(), "send is a child of the caller");
        assertEquals(system(), send.getAttributes().get(MessagingSpans.SYSTEM));
        assertEquals(destination, send.getAttributes().get(MessagingSpans.DESTINATION));
        assertEquals("send", send.getAttributes().get(MessagingSpans.OPERATION_TYPE));
        assertEquals(null, send.getAttributes().get(MessagingSpans.BATCH_COUNT), "one event is no batch");
        assertEquals("00-" + send.getTraceId() + "-" + send.getSpanId() + "-01", handled.get(0).trace().traceparent(),
                "the event carries the W3C context of its append through the stream");

        SpanData receive = only("receive " + destination);
        assertEquals(SpanKind.CONSUMER, receive.getKind());
        assertEquals(List.of(send.getSpanId()), linkedSpanIds(receive), "receive links to the append");

        SpanData process = only("process " + destination);
        assertEquals(SpanKind.CONSUMER, process.getKind());
        assertEquals(send.getTraceId(), process.getTraceId(), "one trace from append to handling");
        assertEquals(send.getSpanId(), process.getParentSpanId(), "process is parented on the append's span");
        assertEquals(List.of(receive.getSpanId()), linkedSpanIds(process));
        assertEquals(0L, process.getAttributes().get(TracedCursor.OFFSET));
        assertEquals("credited", process.getAttributes().get(TracedCursor.TYPE));
        assertEquals(StatusCode.UNSET, process.getStatus().getStatusCode());
        assertEquals(process.getSpanId(), only("handler").getParentSpanId(),
                "the process span is current while the handler runs");
    }

    @Test
    void aMultiEventAppendIsOneSpanWithTheBatchCountAndEveryEventCarriesIt() {
        traced.append(NewEvent.ofText("credited", "a"), NewEvent.ofText("debited", "b"), NewEvent.ofText("credited", "c"));
        SpanData send = only("send " + destination);
        assertEquals(3L, send.getAttributes().get(MessagingSpans.BATCH_COUNT));
        try (Cursor cursor = traced.open(0, TYPES)) {
            for (int i = 0; i < 3; i++) {
                Event event = cursor.next(WAIT).orElseThrow();
                assertEquals(send.getSpanId(), TraceContext.of(event).getSpanId(), "event " + i);
            }
        }
        assertEquals(3, spans("receive " + destination).size(), "one receive span per event read");
    }

    @Test
    void eventsAppendedWithoutContextAreHandledInATraceOfTheirOwn() {
        plain.append(NewEvent.ofText("debited", "untraced"));
        try (Cursor cursor = traced.open(0, TYPES)) {
            Event event = cursor.next(WAIT).orElseThrow();
            assertEquals(EventTrace.NONE, event.trace());
            assertEquals("untraced", event.text());
            try (var handling = cursor.handling(event)) {
                assertTrue(Span.current().getSpanContext().isValid(), "the process span is current");
            }
        }
        assertTrue(spans("send " + destination).isEmpty());
        SpanData receive = only("receive " + destination);
        assertTrue(receive.getLinks().isEmpty(), "nothing to link to");
        SpanData process = only("process " + destination);
        assertEquals(receive.getSpanId(), process.getParentSpanId(), "parented on the receive span");
    }

    @Test
    void aFailingHandlerMarksItsProcessSpanFailedAndTheRetrySucceeds() throws Exception {
        traced.append(NewEvent.ofText("credited", "once"));
        AtomicInteger calls = new AtomicInteger();
        consume(2, event -> {
            if (calls.incrementAndGet() == 1) {
                throw new IllegalStateException("ledger row locked");
            }
        });
        List<SpanData> processed = spans("process " + destination);
        assertEquals(2, processed.size(), "the event was handled twice");
        SpanData failed = processed.get(0);
        assertEquals(StatusCode.ERROR, failed.getStatus().getStatusCode());
        assertEquals(IllegalStateException.class.getName(), failed.getAttributes().get(MessagingSpans.ERROR_TYPE));
        assertEquals("ledger row locked", failed.getStatus().getDescription());
        assertEquals(StatusCode.UNSET, processed.get(1).getStatus().getStatusCode());
        assertEquals(failed.getParentSpanId(), processed.get(1).getParentSpanId(), "both under the append");
    }

    @Test
    void replayKeepsTheAppendsContextAsParentOrLink() throws Exception {
        traced.append(NewEvent.ofText("credited", "replayed"));
        Deadlines.await(() -> traced.head() == 1, WAIT, "the event to be sequenced");
        SpanData append = only("send " + destination);
        try (Streams memory = new MemoryStreams(100, ProducerOptions.DEFAULTS, ConsumerOptions.DEFAULTS, ".DLQ");
             Streams tracedMemory = OpenTelemetryTracing.of(sdk, "tributary").traced(memory)) {
            try (Producer untraced = memory.producer("copies")) {
                EventReplay.replay(traced, 0, 1, untraced, WAIT);
            }
            try (Producer tracedProducer = tracedMemory.producer("traced-copies")) {
                EventReplay.replay(traced, 0, 1, tracedProducer, WAIT);
            }
            try (Consumer copies = memory.consumer("copies")) {
                Message copy = copies.receive(1, WAIT).get(0);
                assertEquals(append.getSpanId(), TraceContext.of(copy).getSpanId(),
                        "an untraced copy carries the append's context: its process span is parented on it");
                copies.ack(copy);
            }
            SpanData resend = only("send traced-copies");
            assertEquals(List.of(append.getSpanId()), linkedSpanIds(resend), "a traced copy links to the append");
            try (Consumer copies = memory.consumer("traced-copies")) {
                Message copy = copies.receive(1, WAIT).get(0);
                assertEquals(resend.getSpanId(), TraceContext.of(copy).getSpanId());
                copies.ack(copy);
            }
        }
    }

    @Test
    void offWithoutARecordingOpenTelemetryTheStreamIsHandedBackUnchanged() {
        assertEquals(Tracing.OFF, OpenTelemetryTracing.of(io.opentelemetry.api.OpenTelemetry.noop(), system()));
        assertTrue(Tracing.OFF.traced(plain) == plain, "no decorator, no cost");
        plain.append(NewEvent.ofText("credited", "plain"));
        try (Cursor cursor = plain.open(0, TYPES)) {
            Event event = cursor.next(WAIT).orElseThrow();
            assertEquals(EventTrace.NONE, event.trace());
            assertTrue(cursor.handling(event) == io.tributary.eventstream.EventHandling.NONE);
        }
        assertFalse(exported.getFinishedSpanItems().stream().anyMatch(s -> s.getName().endsWith(destination)));
    }

    /** Runs a consumer of the traced stream from offset 0 until it handled {@code calls} times, then stops it. */
    private void consume(int calls, Handling handling) throws Exception {
        AtomicInteger handled = new AtomicInteger();
        EventHandler counting = new EventHandler() {
            @Override
            public long nextOffset(StreamIdentity stream) {
                return 0;
            }

            @Override
            public void handleEvent(long offset, Event event) throws Exception {
                try {
                    handling.handle(event);
                } finally {
                    handled.incrementAndGet();
                }
            }
        };
        StreamConsumer consumer = StreamConsumer.builder(traced, counting).pollInterval(Duration.ofMillis(50))
                .backoff(new ExponentialBackoff(Duration.ofMillis(10), Duration.ofMillis(50))).build();
        ExecutorService thread = Executors.newSingleThreadExecutor();
        try {
            Future<?> running = thread.submit(() -> {
                consumer.run();
                return null;
            });
            Deadlines.await(() -> handled.get() >= calls, WAIT, "the handler to be called " + calls + " times");
            Deadlines.await(() -> spans("process " + destination).size() >= calls, WAIT, "the process spans to end");
            consumer.stop();
            running.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } finally {
            consumer.stop();
            thread.shutdownNow();
        }
    }

    /** What the test's handler does with an event. */
    @FunctionalInterface
    private interface Handling {
        void handle(Event event) throws Exception;
    }

    private SpanData only(String name) {
        List<SpanData> named = spans(name);
        assertEquals(1, named.size(), () -> "one span " + name + " in " + exported.getFinishedSpanItems());
        return named.get(0);
    }

    private List<SpanData> spans(String name) {
        return exported.getFinishedSpanItems().stream().filter(s -> s.getName().equals(name)).toList();
    }

    private static List<String> linkedSpanIds(SpanData span) {
        return span.getLinks().stream().map(LinkData::getSpanContext).map(c -> c.getSpanId()).toList();
    }
}
