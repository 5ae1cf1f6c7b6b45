package io.tributary.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.tributary.stream.Consumer;
import io.tributary.stream.Handling;
import io.tributary.stream.Message;
import io.tributary.stream.Producer;
import io.tributary.stream.Streams;
import io.tributary.stream.memory.MemoryStreams;
import io.tributary.testing.Deadlines;
import io.tributary.tracing.OpenTelemetryTracing;
import io.tributary.work.WorkerPool;
import io.tributary.work.executor.ExecutorWorkerPool;
import io.tributary.work.pipeline.ConsumerPipeline;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The {@code process <stream>} span is current while the application handles a message, so the spans a
 * handler starts nest under it: directly through {@link Consumer#handling}, in a Reactive Messaging channel
 * ({@link InboundBatches#handOut}: the stage completes inside the scope), and in a {@link ConsumerPipeline}
 * whose worker pool runs each operation in the context it was submitted in. Traced in-memory streams, the
 * OpenTelemetry SDK and an in-memory exporter.
 */
class HandlerSpansTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final String STREAM = "orders";

    private final InMemorySpanExporter exported = InMemorySpanExporter.create();
    private OpenTelemetrySdk sdk;
    private Tracer tracer;
    private Streams streams;

    @BeforeEach
    void traced() throws Exception {
        sdk = OpenTelemetrySdk.builder().setTracerProvider(SdkTracerProvider.builder()
                .addSpanProcessor(SimpleSpanProcessor.create(exported)).build()).build();
        tracer = sdk.getTracer("handler");
        streams = OpenTelemetryTracing.of(sdk, "tributary").traced(new MemoryStreams());
        try (Producer producer = streams.producer(STREAM)) {
            producer.send(Message.ofText("order 1"));
            producer.flush(WAIT);
        }
    }

    @AfterEach
    void close() {
        streams.close();
        sdk.close();
    }

    @Test
    void aSpanStartedInsideHandlingIsAChildOfTheProcessSpan() throws Exception {
        try (Consumer consumer = streams.consumer(STREAM)) {
            Message m = consumer.receive(1, WAIT).get(0);
            try (Handling handling = consumer.handling(m)) {
                tracer.spanBuilder("handle order").startSpan().end();
            }
            assertFalse(Span.current().getSpanContext().isValid(), "closing the handling leaves no span current");
            consumer.ack(m);
            assertTrue(consumer.handling(m) == Handling.NONE, "a settled message has no handling scope");
        }
        assertNestedUnderProcess();
    }

    @Test
    void aChannelHandsOutEachMessageWithItsProcessSpanCurrent() throws Exception {
        List<Runnable> receiverTasks = new ArrayList<>();
        try (Consumer consumer = streams.consumer(STREAM)) {
            InboundBatches batches = new InboundBatches("orders-in", consumer, 10, 1);
            CompletionStage<org.eclipse.microprofile.reactive.messaging.Message<Object>> handedOut =
                    batches.handOut(receiverTasks::add);
            CompletionStage<Void> handled = handedOut.thenCompose(m -> {
                tracer.spanBuilder("handle order").startSpan().end();
                return m.ack();
            });
            receiverTasks.get(0).run();
            handled.toCompletableFuture().get(WAIT.toSeconds(), TimeUnit.SECONDS);
            batches.close();
        }
        assertNestedUnderProcess();
    }

    @Test
    void aPipelineRunsItsOperationsUnderTheProcessSpan() throws Exception {
        WorkerPool<Message, String> pool = ExecutorWorkerPool.<Message, String>builder("handlers")
                .workers("handler", 2, () -> op -> {
                    tracer.spanBuilder("handle order").startSpan().end();
                    return op.payload().text();
                }).build();
        pool.start();
        ConsumerPipeline<String> pipeline = new ConsumerPipeline<>(streams.consumer(STREAM), pool, 4);
        Thread loop = new Thread(pipeline, "pipeline-under-test");
        loop.start();
        try {
            Deadlines.await(() -> pipeline.acked() == 1, WAIT, "the order acked by the pipeline");
        } finally {
            pipeline.stop();
            assertTrue(pipeline.awaitStopped(WAIT), "the pipeline stopped");
            pool.shutdown();
            assertTrue(pool.awaitTermination(WAIT), "the pool terminated");
        }
        assertNestedUnderProcess();
    }

    private void assertNestedUnderProcess() {
        List<SpanData> spans = exported.getFinishedSpanItems();
        SpanData process = spans.stream().filter(s -> s.getName().equals("process " + STREAM)).findFirst()
                .orElseThrow(() -> new AssertionError("no process span in " + spans));
        SpanData handle = spans.stream().filter(s -> s.getName().equals("handle order")).findFirst()
                .orElseThrow(() -> new AssertionError("no handler span in " + spans));
        assertEquals(process.getSpanId(), handle.getParentSpanId(), "the handler's span is a child of " + process);
        assertEquals(process.getTraceId(), handle.getTraceId());
    }
}
