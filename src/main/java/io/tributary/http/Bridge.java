package io.tributary.http;

import io.tributary.cdi.TributaryRuntime;
import io.tributary.config.ConfigKey;
import io.tributary.config.TributaryConfig;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import java.util.logging.Logger;

/**
 * The state of the HTTP bridge, one per application: the streams it serves ({@code tributary.http.streams})
 * and its open leases ({@code tributary.http.lease-ms}, {@code tributary.http.max-leases}). Created when the
 * application starts, so listing an internal queue in {@code tributary.http.streams} fails the deployment
 * with an error naming it. Stopping the application releases every open lease for redelivery. Thread-safe.
 */
@ApplicationScoped
public class Bridge {

    private static final Logger LOG = Logger.getLogger(Bridge.class.getName());

    @Inject
    TributaryRuntime runtime;

    private BridgeStreams streams;
    private Leases leases;

    @PostConstruct
    void start() {
        TributaryConfig config = runtime.config();
        streams = new BridgeStreams(config.list(ConfigKey.HTTP_STREAMS), config.text(ConfigKey.DEAD_LETTER_SUFFIX),
                config.text(ConfigKey.BATCHING_BROKER_NAME));
        leases = new Leases(runtime.unbufferedStreams(), config.millis(ConfigKey.HTTP_LEASE_MS),
                config.integer(ConfigKey.HTTP_MAX_LEASES));
    }

    /** Creates the bridge when the application starts, so a bad {@code tributary.http.*} value fails it. */
    void onStart(@Observes @Initialized(ApplicationScoped.class) Object event) {
        LOG.info(() -> "HTTP bridge: " + streams);
    }

    @PreDestroy
    void stop() {
        leases.close();
    }

    /** The streams the bridge serves. */
    BridgeStreams streams() {
        return streams;
    }

    /** The open leases. */
    Leases leases() {
        return leases;
    }
}
