package io.tributary.health;

import io.tributary.cdi.TributaryRuntime;
import io.tributary.stream.jms.ConnectionSupervisor;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

/**
 * Liveness of Tributary's broker connection: DOWN only on a failure that retrying cannot fix, that is
 * when the broker refuses Tributary's credentials ({@link ConnectionSupervisor#terminal()}); a broker that
 * is away or restarting leaves it UP (readiness reports that), since restarting the application would not
 * help. Its datum {@value BrokerReadiness#APP_DATA} names the application. The supervisor keeps retrying even then, so fixing the broker's users brings it back. Thread-safe;
 * cheap.
 */
@Liveness
@ApplicationScoped
public class BrokerLiveness implements HealthCheck {

    /** The name of this check in {@code /health/live}. */
    public static final String NAME = "tributary-broker-connection";

    @Inject
    TributaryRuntime runtime;

    @Override
    public HealthCheckResponse call() {
        boolean terminal = runtime.jmsStreams().map(j -> j.supervisor().terminal()).orElse(false);
        return HealthCheckResponse.named(NAME).status(!terminal)
                .withData(BrokerReadiness.APP_DATA, runtime.applicationName())
                .withData("reason", terminal ? "the broker refuses the credentials: "
                        + runtime.jmsStreams().map(j -> j.supervisor().describe()).orElse("")
                        : "no terminal failure")
                .build();
    }
}
