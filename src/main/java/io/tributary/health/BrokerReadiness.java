package io.tributary.health;

import io.tributary.cdi.TributaryRuntime;
import io.tributary.stream.Streams;
import io.tributary.stream.jms.JmsStreams;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Readiness of Tributary's broker connection: DOWN with reason "broker connection down" while the JMS
 * client has lost the broker (until it reconnects), UP when connected; the in-memory transport is
 * always UP. Thread-safe; cheap (reads a flag, never calls the broker).
 */
@Readiness
@ApplicationScoped
public class BrokerReadiness implements HealthCheck {

    /** The name of this check in {@code /health/ready}. */
    public static final String NAME = "tributary-broker";

    @Inject
    TributaryRuntime runtime;

    @Override
    public HealthCheckResponse call() {
        Streams streams = runtime.streams();
        boolean up = !(streams instanceof JmsStreams jms) || jms.isConnected();
        return HealthCheckResponse.named(NAME).status(up)
                .withData("transport", streams instanceof JmsStreams ? "jms" : "memory")
                .withData("reason", up ? "connected" : "broker connection down")
                .build();
    }
}
