package it.io.tributary;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * The application side of {@link TracingIT}: an OpenTelemetry SDK whose spans go to an in-memory
 * exporter (the application's {@code OpenTelemetry} bean, which Tributary picks up as Liberty's
 * telemetry feature would provide it), and an {@code @Incoming} channel that acks every order, recording a
 * span {@code handle <payload>} of its own as it does.
 */
@ApplicationScoped
public class TracedOrders {

    private final InMemorySpanExporter exporter = InMemorySpanExporter.create();
    private final OpenTelemetrySdk sdk = OpenTelemetrySdk.builder().setTracerProvider(SdkTracerProvider.builder()
            .addSpanProcessor(SimpleSpanProcessor.create(exporter)).build()).build();
    private final List<String> received = new CopyOnWriteArrayList<>();

    @Produces
    @ApplicationScoped
    OpenTelemetry produced() {
        return sdk;
    }

    @Incoming("traced-in")
    public CompletionStage<Void> consume(Message<String> order) {
        received.add(order.getPayload());
        sdk.getTracer("orders").spanBuilder("handle " + order.getPayload()).startSpan().end();
        return order.ack();
    }

    /** The SDK the application's spans go through. */
    public OpenTelemetry openTelemetry() {
        return sdk;
    }

    /** The spans ended so far. */
    public InMemorySpanExporter exporter() {
        return exporter;
    }

    /** The orders the channel acked. */
    public List<String> received() {
        return List.copyOf(received);
    }

    @PreDestroy
    void close() {
        sdk.close();
    }
}
