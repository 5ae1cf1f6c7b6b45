package io.tributary.tracing;

import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.tributary.stream.ConsumerOptions;
import io.tributary.stream.ProducerOptions;
import io.tributary.stream.Streams;
import io.tributary.stream.StreamsConformance;
import io.tributary.stream.TopicConformance;
import io.tributary.stream.jms.JmsStreams;
import io.tributary.testing.EmbeddedBroker;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Traced JMS streams keep the whole stream and topic contract (the trace-context tags ride along). */
class TracedStreamsConformanceTest extends StreamsConformance {

    @RegisterExtension
    static final EmbeddedBroker BROKER = new EmbeddedBroker();

    private static OpenTelemetrySdk sdk;

    @BeforeAll
    static void start() {
        sdk = OpenTelemetrySdk.builder().setTracerProvider(SdkTracerProvider.builder()
                .addSpanProcessor(SimpleSpanProcessor.create(InMemorySpanExporter.create())).build()).build();
    }

    @AfterAll
    static void stop() {
        sdk.close();
    }

    @Override
    protected Streams createStreams() {
        return OpenTelemetryTracing.of(sdk, "activemq").traced(new JmsStreams(BROKER.factory(),
                ProducerOptions.DEFAULTS, ConsumerOptions.DEFAULTS, ".DLQ"));
    }

    /** The topic part of the contract, traced. */
    @Nested
    class Topics extends TopicConformance {
        @Override
        protected Streams createStreams() {
            return TracedStreamsConformanceTest.this.createStreams();
        }
    }
}
