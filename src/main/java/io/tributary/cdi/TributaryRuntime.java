package io.tributary.cdi;

import io.opentelemetry.api.OpenTelemetry;
import io.tributary.artemis.EmbeddedArtemis;
import io.tributary.broker.Broker;
import io.tributary.broker.BrokerConfig;
import io.tributary.broker.BrokerRegistry;
import io.tributary.broker.BufferConfig;
import io.tributary.broker.Eventer;
import io.tributary.broker.jms.JmsBrokerFactory;
import io.tributary.broker.memory.MemoryBrokerFactory;
import io.tributary.config.ConfigKey;
import io.tributary.config.TributaryConfig;
import io.tributary.connection.ConnectionSource;
import io.tributary.connection.ConnectionSources;
import io.tributary.connection.EmbeddedConnectionSource;
import io.tributary.eventstream.EventStream;
import io.tributary.eventstream.EventStreamRegistry;
import io.tributary.eventstream.ExponentialBackoff;
import io.tributary.eventstream.Retention;
import io.tributary.eventstream.StreamIdentity;
import io.tributary.eventstream.jms.DeferredEventStream;
import io.tributary.eventstream.memory.MemoryEventStream;
import io.tributary.messaging.TributaryConnector;
import io.tributary.metrics.MeteredStreams;
import io.tributary.metrics.Meters;
import io.tributary.metrics.StreamMeter;
import io.tributary.metrics.microprofile.MicroProfileMeters;
import io.tributary.stream.Message;
import io.tributary.stream.Streams;
import io.tributary.stream.jms.ConnectionSupervisor;
import io.tributary.stream.jms.JmsStreams;
import io.tributary.stream.jms.JtaStreams;
import io.tributary.stream.memory.MemoryStreams;
import io.tributary.tracing.OpenTelemetryTracing;
import io.tributary.tracing.Tracing;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.jms.ConnectionFactory;
import org.eclipse.microprofile.config.Config;

import javax.naming.InitialContext;
import javax.naming.NamingException;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.Set;
import java.util.logging.Logger;

/**
 * The application's Tributary: created when the application starts, so a bad configuration fails the
 * deployment with a message naming every bad key. It picks the transport from the configuration:
 * in-memory streams, or JMS connections from the {@link ConnectionSource} the configuration names: the
 * server's connection factory at the JNDI name {@code tributary.connection-factory} (container-managed;
 * a name that does not resolve to a JMS connection factory fails the deployment), an existing broker at
 * {@code tributary.broker.url}, or, when {@code tributary.embedded.enabled=true} (Tributary's own WAR sets
 * it), an embedded Artemis broker with a persistent journal in a directory of its own per application
 * ({@code tributary/<application name>}), so two applications on one server never share one; in-VM only
 * unless {@code tributary.embedded.port} opens a password-protected TCP acceptor on 127.0.0.1. With none of
 * these it refuses to start, naming the keys: the classes jar never starts a broker nobody asked for.
 * Closed with the application.
 *
 * <p>Needs only the {@code cdi} and {@code mpConfig} features; the {@link OptionalFeature optional ones}
 * are used when present and listed once in the log at start.
 *
 * <p>The streams it hands out are {@link MeteredStreams}: every producer and consumer made from them (by
 * injection, the HTTP bridge or the Reactive Messaging connector) records metrics in the application's
 * MicroProfile Metrics registry (when {@code mpMetrics} is present), tagged with the application's name.
 * With JMS, a {@link ConnectionSupervisor} keeps the broker connection alive (re-created with the
 * {@code tributary.reconnect.*} backoff when the client gives up), and its state is the gauge
 * {@code tributary.connection.state}; a broker that is down at start-up does not fail the deployment
 * (readiness stays DOWN until it connects), and neither does an injected {@code @Events} stream: it
 * connects when the broker comes ({@link DeferredEventStream}).
 */
@ApplicationScoped
public class TributaryRuntime {

    private static final Logger LOG = Logger.getLogger(TributaryRuntime.class.getName());
    /** The application name used where the container gives none. */
    private static final String UNNAMED = "application";
    /** The {@code messaging.system} of spans on Artemis. */
    private static final String JMS_SYSTEM = "activemq";
    /** The {@code messaging.system} of spans on the in-memory streams. */
    private static final String MEMORY_SYSTEM = "tributary";

    @Inject
    Config mpConfig;

    @Inject
    Instance<Object> beans;

    @Inject
    Instance<OpenTelemetry> openTelemetry;

    private String applicationName;
    private TributaryConfig config;
    private ConnectionSource source;
    private JmsStreams jms;
    private MeteredStreams streams;
    private Broker<Message> broker;
    private EventStreamRegistry eventStreams;
    private MeteredStreams unbuffered;
    private JmsStreams unbufferedJms;
    private Tracing tracing = Tracing.OFF;

    @PostConstruct
    void start() {
        config = new TributaryConfig(mpConfig.getPropertyNames(), k -> mpConfig.getOptionalValue(k, String.class),
                name -> System.getenv(name) != null || System.getenv(ConfigKey.environmentForm(name)) != null);
        applicationName = lookUpApplicationName();
        LOG.info(() -> "Tributary in application " + applicationName + ": " + OptionalFeature.summary());
        requireConnectorFeature();
        Meters meters = OptionalFeature.METRICS.present() ? MicroProfileMeters.of(beans, applicationName) : Meters.NONE;
        if (config.text(ConfigKey.TRANSPORT).equals("memory")) {
            tracing = tracing(MEMORY_SYSTEM);
            streams = metered(new MemoryStreams(config.integer(ConfigKey.MEMORY_CAPACITY), config.producerOptions(),
                    config.consumerOptions(), config.text(ConfigKey.DEAD_LETTER_SUFFIX)), meters);
            LOG.info("Tributary started with in-memory streams");
            return;
        }
        source = ConnectionSources.open(config, this::dataDirectory);
        jms = supervisedStreams(source.factory());
        tracing = tracing(JMS_SYSTEM);
        streams = metered(source.jta().<Streams>map(enlistment -> new JtaStreams(jms, enlistment)).orElse(jms), meters);
        meters.gauge(StreamMeter.CONNECTION_STATE, null, () -> jms.connectionState().level());
        LOG.info(() -> "Tributary started on " + source.description());
    }

    private JmsStreams supervisedStreams(ConnectionFactory factory) {
        ConnectionSupervisor supervisor = new ConnectionSupervisor(factory, new ExponentialBackoff(
                config.millis(ConfigKey.RECONNECT_INITIAL_BACKOFF_MS), config.millis(ConfigKey.RECONNECT_MAX_BACKOFF_MS)));
        JmsStreams created = new JmsStreams(supervisor, config.producerOptions(), config.consumerOptions(),
                config.text(ConfigKey.DEAD_LETTER_SUFFIX));
        supervisor.start();
        return created;
    }

    /**
     * Streams whose consumers take from the broker only the messages they hand out, nothing ahead (JMS
     * {@code consumerWindowSize=0}), on a connection of their own opened on first use, measured with
     * {@link #streams()}: for consumers that hold a batch for long, such as the HTTP bridge's leases,
     * so that messages behind the batch stay available to other consumers. The in-memory transport
     * prefetches nothing: there they are {@link #streams()}. Closed with the application.
     */
    public synchronized MeteredStreams unbufferedStreams() {
        if (jms == null) {
            return streams;
        }
        if (unbuffered == null) {
            unbufferedJms = supervisedStreams(source.unbufferedFactory());
            unbuffered = streams.sharingMeters(tracing.traced(unbufferedJms));
        }
        return unbuffered;
    }

    /** The JMS streams under {@link #unbufferedStreams()}, once opened (for health). */
    public synchronized Optional<JmsStreams> unbufferedJmsStreams() {
        return Optional.ofNullable(unbufferedJms);
    }

    private Tracing tracing(String system) {
        Tracing chosen = openTelemetry.isResolvable() ? OpenTelemetryTracing.of(openTelemetry.get(), system)
                : Tracing.OFF;
        LOG.info(() -> "Tributary tracing: " + chosen + (chosen == Tracing.OFF ? " (no OpenTelemetry that records"
                + " spans; enable the mpTelemetry feature with otel.sdk.disabled=false to trace)" : ""));
        return chosen;
    }

    /** How the streams are traced: {@link Tracing#OFF} without an OpenTelemetry that records spans. */
    public Tracing tracing() {
        return tracing;
    }

    /** Channels configured for Tributary's connector need mpReactiveMessaging, which would ignore them silently. */
    private void requireConnectorFeature() {
        for (String name : mpConfig.getPropertyNames()) {
            if (name.startsWith("mp.messaging.") && name.endsWith(".connector") && TributaryConnector.NAME.equals(
                    mpConfig.getOptionalValue(name, String.class).orElse(""))) {
                OptionalFeature.REACTIVE_MESSAGING.require(name + "=" + TributaryConnector.NAME);
            }
        }
    }

    private MeteredStreams metered(Streams base, Meters meters) {
        return new MeteredStreams(tracing.traced(base), meters, () -> jms == null || jms.isConnected(),
                config.millis(ConfigKey.METRICS_BACKLOG_REFRESH_MS), config.integer(ConfigKey.METRICS_MAX_STREAMS));
    }

    /** Creates the runtime when the application starts, so configuration errors fail the deployment. */
    void onStart(@Observes @Initialized(ApplicationScoped.class) Object event) {
        LOG.fine(() -> "Tributary ready: " + streams);
    }

    @PreDestroy
    void stop() {
        synchronized (this) {
            if (broker != null) {
                broker.close();
            }
            if (eventStreams != null) {
                eventStreams.close();
            }
            if (unbuffered != null) {
                unbuffered.close();
            }
        }
        streams.close();
        if (source != null) {
            source.close();
        }
        LOG.info("Tributary stopped");
    }

    /** The streams of the configured transport, measured. */
    public MeteredStreams streams() {
        return streams;
    }

    /** The JMS streams under {@link #streams()}, unless the transport is {@code memory}. */
    public Optional<JmsStreams> jmsStreams() {
        return Optional.ofNullable(jms);
    }

    /**
     * The JMS connection factory of the configured broker.
     *
     * @throws IllegalStateException with transport {@code memory}, which has no broker
     */
    public ConnectionFactory connectionFactory() {
        if (source == null) {
            throw new IllegalStateException("tributary.transport=memory has no JMS broker: set tributary.transport=jms"
                    + " to use JMS-backed components");
        }
        return source.factory();
    }

    /**
     * The application's batching broker, created on first use: type ({@code memory} or {@code jms}), name
     * and buffer from the {@code tributary.batching-broker.*} keys, picked through a {@link BrokerRegistry}.
     * Closed when the application stops, before the transport it runs on.
     */
    public synchronized Broker<Message> broker() {
        if (broker == null) {
            BrokerRegistry registry = new BrokerRegistry();
            registry.register(BrokerRegistry.MEMORY, new MemoryBrokerFactory());
            String type = config.text(ConfigKey.BATCHING_BROKER_TYPE);
            if (type.equals(BrokerRegistry.JMS)) {
                registry.register(BrokerRegistry.JMS, new JmsBrokerFactory(connectionFactory(), config.producerOptions()));
            }
            BufferConfig buffer = new BufferConfig(config.integer(ConfigKey.BATCHING_BROKER_CAPACITY),
                    config.integer(ConfigKey.BATCHING_BROKER_MAX_BATCH));
            broker = registry.load(new BrokerConfig(type, config.text(ConfigKey.BATCHING_BROKER_NAME), buffer),
                    Eventer.NONE);
        }
        return broker;
    }

    /**
     * The application's event stream for {@code identity}, opened on first use on the configured transport
     * (in memory with {@code tributary.transport=memory}, else on the broker) and shared by every caller
     * (each gets it {@linkplain Tracing#traced(EventStream) traced} when tracing is on); closed when the
     * application stops, before the transport.
     *
     * @throws IllegalArgumentException if the stream is already open with other types or retention
     */
    public synchronized EventStream eventStream(StreamIdentity identity, Set<String> types, Retention retention) {
        if (eventStreams == null) {
            eventStreams = new EventStreamRegistry(source == null ? MemoryEventStream::new
                    : DeferredEventStream.opener(source.factory(), new ExponentialBackoff(
                            config.millis(ConfigKey.RECONNECT_INITIAL_BACKOFF_MS),
                            config.millis(ConfigKey.RECONNECT_MAX_BACKOFF_MS))));
        }
        return tracing.traced(eventStreams.get(identity, types, retention));
    }

    /** The event streams the application has opened so far (for the console). */
    public synchronized List<EventStream> openEventStreams() {
        return eventStreams == null ? List.of() : eventStreams.streams();
    }

    /**
     * The event streams opened so far that are not connected to the broker yet, each with why: readiness is
     * DOWN while there is one.
     */
    public synchronized Map<String, String> eventStreamsWaiting() {
        Map<String, String> waiting = new TreeMap<>();
        if (eventStreams != null) {
            for (EventStream s : eventStreams.streams()) {
                if (s instanceof DeferredEventStream d && !d.connected()) {
                    waiting.put(s.identity().toString(), d.state());
                }
            }
        }
        return waiting;
    }

    /** The validated configuration. */
    public TributaryConfig config() {
        return config;
    }

    /** The name of the application this runtime belongs to ({@code java:app/AppName}). */
    public String applicationName() {
        return applicationName;
    }

    /** The embedded broker, when neither a broker URL nor a container's connection factory is configured. */
    public Optional<EmbeddedArtemis> embeddedBroker() {
        return source instanceof EmbeddedConnectionSource e ? Optional.of(e.broker()) : Optional.empty();
    }

    private Path dataDirectory() {
        String configured = config.text(ConfigKey.EMBEDDED_DATA_DIR);
        if (!configured.isEmpty()) {
            return Path.of(configured);
        }
        String output = System.getProperty("server.output.dir");
        Path base = output != null ? Path.of(output, "tributary") : Path.of("tributary");
        return base.resolve(applicationName.replaceAll("[^A-Za-z0-9._-]", "_"));
    }

    /** The application's name from the container, {@value #UNNAMED} outside one. */
    private static String lookUpApplicationName() {
        try {
            return (String) new InitialContext().lookup("java:app/AppName");
        } catch (NamingException e) {
            LOG.fine(() -> "no java:app/AppName (" + e + "): the application is called " + UNNAMED);
            return UNNAMED;
        }
    }
}
