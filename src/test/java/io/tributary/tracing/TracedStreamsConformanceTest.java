package io.tributary.tracing;

import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.tributary.artemis.ArtemisConnections;
import io.tributary.artemis.EmbeddedArtemis;
import io.tributary.stream.ConsumerOptions;
import io.tributary.stream.ProducerOptions;
import io.tributary.stream.Streams;
import io.tributary.stream.StreamsConformance;
import io.tributary.stream.TopicConformance;
import io.tributary.stream.jms.JmsStreams;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.io.TempDir;

/** Traced JMS streams keep the whole stream and topic contract (the trace-context tags ride along). */
class TracedStreamsConformanceTest extends StreamsConformance {

    @TempDir
    static Path data;

    private static EmbeddedArtemis broker;
    private static OpenTelemetrySdk sdk;

    @BeforeAll
    static void start() {
        broker = new EmbeddedArtemis(data);
        broker.start();
        sdk = OpenTelemetrySdk.builder().setTracerProvider(SdkTracerProvider.builder()
                .addSpanProcessor(SimpleSpanProcessor.create(InMemorySpanExporter.create())).build()).build();
    }

    @AfterAll
    static void stop() {
        sdk.close();
        broker.stop();
    }

    @Override
    protected Streams createStreams() {
        return OpenTelemetryTracing.of(sdk, "activemq").traced(new JmsStreams(
                ArtemisConnections.connectionFactory(broker.connectionUrl()), ProducerOptions.DEFAULTS,
                ConsumerOptions.DEFAULTS, ".DLQ"));
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
