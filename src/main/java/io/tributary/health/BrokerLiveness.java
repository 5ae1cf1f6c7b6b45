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
 * help. Its datum {@value BrokerReadiness#APP_DATA} names the application. The supervisor keeps retrying even then, so fixing the broker's users brings it back. The reason it
 * shows is generic: the endpoint is public, and the broker's refusal names the user and the client's address.
 * Thread-safe; cheap.
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
        String reason = runtime.jmsStreams().map(j -> reason(j.supervisor())).orElse("no terminal failure");
        return HealthCheckResponse.named(NAME).status(!terminal)
                .withData(BrokerReadiness.APP_DATA, runtime.applicationName()).withData("reason", reason).build();
    }

    /**
     * The reason shown to anyone who asks (the endpoint needs no login): generic, never the broker's error
     * text, which names the user and the client's address; the server log has the details.
     */
    static String reason(ConnectionSupervisor supervisor) {
        return supervisor.terminal() ? "the broker refuses Tributary's credentials (details in the server log)"
                : "no terminal failure";
    }
}
