package io.tributary.cdi;

import io.tributary.artemis.ArtemisConnections;
import io.tributary.artemis.EmbeddedArtemis;
import io.tributary.config.ConfigKey;
import io.tributary.config.TributaryConfig;
import io.tributary.stream.Streams;
import io.tributary.stream.jms.JmsStreams;
import io.tributary.stream.memory.MemoryStreams;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.Config;

import java.nio.file.Path;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * The application's Tributary: created when the application starts, so a bad configuration fails the
 * deployment with a message naming every bad key. It picks the transport from the configuration:
 * in-memory streams, an existing broker at {@code tributary.broker.url}, or (the default) an embedded
 * Artemis broker with a persistent journal, listening on 127.0.0.1 only. Closed with the application.
 */
@ApplicationScoped
public class TributaryRuntime {

    private static final Logger LOG = Logger.getLogger(TributaryRuntime.class.getName());

    @Inject
    Config mpConfig;

    private TributaryConfig config;
    private EmbeddedArtemis embedded;
    private Streams streams;

    @PostConstruct
    void start() {
        config = new TributaryConfig(mpConfig.getPropertyNames(), k -> mpConfig.getOptionalValue(k, String.class));
        if (config.text(ConfigKey.TRANSPORT).equals("memory")) {
            streams = new MemoryStreams(config.integer(ConfigKey.MEMORY_CAPACITY), config.producerOptions(),
                    config.consumerOptions(), config.text(ConfigKey.DEAD_LETTER_SUFFIX));
            LOG.info("Tributary started with in-memory streams");
            return;
        }
        Optional<String> url = config.brokerUrl();
        String target;
        if (url.isPresent()) {
            target = url.get();
        } else {
            embedded = new EmbeddedArtemis(dataDirectory(), config.integer(ConfigKey.EMBEDDED_PORT));
            embedded.start();
            target = embedded.connectionUrl();
        }
        String user = config.text(ConfigKey.BROKER_USER);
        streams = new JmsStreams(ArtemisConnections.connectionFactory(target, user.isEmpty() ? null : user,
                user.isEmpty() ? null : config.text(ConfigKey.BROKER_PASSWORD)),
                config.producerOptions(), config.consumerOptions(), config.text(ConfigKey.DEAD_LETTER_SUFFIX));
        LOG.info(() -> "Tributary started on " + (embedded != null ? "the embedded broker, journal in "
                + embedded.dataDirectory() : "the broker at " + url.get()));
    }

    /** Creates the runtime when the application starts, so configuration errors fail the deployment. */
    void onStart(@Observes @Initialized(ApplicationScoped.class) Object event) {
        LOG.fine(() -> "Tributary ready: " + streams);
    }

    @PreDestroy
    void stop() {
        streams.close();
        if (embedded != null) {
            embedded.stop();
        }
        LOG.info("Tributary stopped");
    }

    /** The streams of the configured transport. */
    public Streams streams() {
        return streams;
    }

    /** The validated configuration. */
    public TributaryConfig config() {
        return config;
    }

    /** The embedded broker, when no broker URL is configured. */
    public Optional<EmbeddedArtemis> embeddedBroker() {
        return Optional.ofNullable(embedded);
    }

    private Path dataDirectory() {
        String configured = config.text(ConfigKey.EMBEDDED_DATA_DIR);
        if (!configured.isEmpty()) {
            return Path.of(configured);
        }
        String output = System.getProperty("server.output.dir");
        return output != null ? Path.of(output, "tributary") : Path.of("tributary");
    }
}
