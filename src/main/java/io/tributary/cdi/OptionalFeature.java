package io.tributary.cdi;

import java.util.ArrayList;
import java.util.List;

/**
 * The Liberty features Tributary uses when the application's server has them and never requires for its
 * core (streams, brokers, event streams need only {@code cdi} and {@code mpConfig}).
 *
 * <p>A feature is present when its API is visible to the application, which on Liberty is exactly when
 * {@code server.xml} enables it. Classes of Tributary that need an absent feature are not loaded at all
 * (so, for example, the health checks do not exist without {@code mpHealth}); {@link TributaryRuntime}
 * logs once at start which ones are in use. Where a setting asks for something only a feature can give,
 * {@link #require} fails with a message naming the feature. Immutable; thread-safe.
 */
public enum OptionalFeature {

    /** Stream metrics in the application registry. */
    METRICS("mpMetrics-5.1", "org.eclipse.microprofile.metrics.MetricRegistry", "stream metrics"),
    /** Readiness and liveness checks. */
    HEALTH("mpHealth-4.0", "org.eclipse.microprofile.health.HealthCheck", "health checks"),
    /** The Reactive Messaging connector. */
    REACTIVE_MESSAGING("mpReactiveMessaging-3.0",
            "org.eclipse.microprofile.reactive.messaging.spi.Connector", "the tributary-jms connector"),
    /** The injected {@code WorkerPool}. */
    CONCURRENCY("concurrent-3.0", "jakarta.enterprise.concurrent.ManagedExecutorService", "the injected WorkerPool");

    private final String feature;
    private final String apiClass;
    private final String gives;

    OptionalFeature(String feature, String apiClass, String gives) {
        this.feature = feature;
        this.apiClass = apiClass;
        this.gives = gives;
    }

    /** The Liberty feature, as written in {@code server.xml}. */
    public String feature() {
        return feature;
    }

    /** Whether the application can see the feature's API. */
    public boolean present() {
        try {
            Class.forName(apiClass, false, OptionalFeature.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    /**
     * Checks that the feature is present.
     *
     * @param what what needs it, e.g. {@code "the injected WorkerPool"}
     * @throws IllegalStateException naming the feature, when it is absent
     */
    public void require(String what) {
        if (!present()) {
            throw new IllegalStateException(what + " needs the Liberty feature " + feature + ": add <feature>"
                    + feature + "</feature> to the featureManager of server.xml");
        }
    }

    /** One line saying which features are in use and what is off without the others. */
    static String summary() {
        List<String> used = new ArrayList<>();
        List<String> off = new ArrayList<>();
        for (OptionalFeature f : values()) {
            if (f.present()) {
                used.add(f.feature);
            } else {
                off.add(f.gives + " (needs " + f.feature + ")");
            }
        }
        return "optional features in use: " + (used.isEmpty() ? "none" : String.join(", ", used))
                + (off.isEmpty() ? "" : "; off: " + String.join(", ", off));
    }
}
