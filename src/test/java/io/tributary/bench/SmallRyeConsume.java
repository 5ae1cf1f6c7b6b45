package io.tributary.bench;

import io.smallrye.config.SmallRyeConfigProviderResolver;
import io.smallrye.config.inject.ConfigExtension;
import io.smallrye.reactive.messaging.jms.JmsConnector;
import io.smallrye.reactive.messaging.jms.fault.JmsDlqFailure;
import io.smallrye.reactive.messaging.jms.fault.JmsFailStop;
import io.smallrye.reactive.messaging.jms.fault.JmsIgnoreFailure;
import io.smallrye.reactive.messaging.providers.MediatorFactory;
import io.smallrye.reactive.messaging.providers.connectors.ExecutionHolder;
import io.smallrye.reactive.messaging.providers.connectors.WorkerPoolRegistry;
import io.smallrye.reactive.messaging.providers.extension.ChannelProducer;
import io.smallrye.reactive.messaging.providers.extension.EmitterFactoryImpl;
import io.smallrye.reactive.messaging.providers.extension.HealthCenter;
import io.smallrye.reactive.messaging.providers.extension.LegacyEmitterFactoryImpl;
import io.smallrye.reactive.messaging.providers.extension.MediatorManager;
import io.smallrye.reactive.messaging.providers.extension.MutinyEmitterFactoryImpl;
import io.smallrye.reactive.messaging.providers.extension.ReactiveMessagingExtension;
import io.smallrye.reactive.messaging.providers.impl.ConfiguredChannelFactory;
import io.smallrye.reactive.messaging.providers.impl.ConnectorFactories;
import io.smallrye.reactive.messaging.providers.impl.InternalChannelRegistry;
import io.smallrye.reactive.messaging.providers.wiring.Wiring;
import java.util.Map;
import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;

/**
 * The SmallRye Reactive Messaging JMS connector ({@code smallrye-jms}) in a Weld SE container outside any
 * application server, draining a filled queue into an {@code @Incoming} method ({@link SmallRyeApp}) with
 * {@code AUTO_ACKNOWLEDGE} (the connector's only mode: no transactions, so not at-least-once across a crash in
 * the same way). Measured by {@link ListenerProgress} from the first message until all messages or
 * {@value #QUICK_SECONDS} s (quick) / {@value #FULL_SECONDS} s passed; the container is shut down afterwards.
 */
final class SmallRyeConsume extends NamedScenario {

    private static final String PREFIX = "mp.messaging.incoming." + SmallRyeApp.CHANNEL + ".";

    private static final int QUICK_SECONDS = 5;
    private static final int FULL_SECONDS = 10;

    private int containers;

    SmallRyeConsume() {
        super("smallrye-jms", "consume-auto-ack", "consume-transacted");
    }

    @Override
    public Measurement run(Bench bench) throws Exception {
        int count = bench.count();
        String queue = bench.filledQueue(count);
        ListenerProgress progress = new ListenerProgress(count);
        SmallRyeApp.prepare(bench.factory(), progress);
        Map<String, String> config = Map.of(PREFIX + "connector", JmsConnector.CONNECTOR_NAME,
                PREFIX + "destination", queue, PREFIX + "destination-type", "queue",
                PREFIX + "session-mode", "AUTO_ACKNOWLEDGE", PREFIX + "tracing-enabled", "false");
        config.forEach(System::setProperty);
        SmallRyeConfigProviderResolver.instance().releaseConfig(ConfigProvider.getConfig());
        try (WeldContainer container = weld().initialize()) {
            Measurement m = progress.await(bench.quick() ? QUICK_SECONDS : FULL_SECONDS);
            return m.withNote("Weld SE, AUTO_ACKNOWLEDGE, " + m.note());
        } finally {
            config.keySet().forEach(System::clearProperty);
            SmallRyeConfigProviderResolver.instance().releaseConfig(ConfigProvider.getConfig());
        }
    }

    private Weld weld() {
        return new Weld("smallrye-bench-" + (++containers)).disableDiscovery()
                .addExtension(new ConfigExtension())
                .addExtension(new ReactiveMessagingExtension())
                .addBeanClasses(MediatorFactory.class, MediatorManager.class, InternalChannelRegistry.class,
                        ConnectorFactories.class, ConfiguredChannelFactory.class, ChannelProducer.class,
                        ExecutionHolder.class, WorkerPoolRegistry.class, HealthCenter.class, Wiring.class,
                        EmitterFactoryImpl.class, MutinyEmitterFactoryImpl.class, LegacyEmitterFactoryImpl.class,
                        JmsConnector.class, JmsFailStop.Factory.class, JmsIgnoreFailure.Factory.class, JmsDlqFailure.Factory.class,
                        SmallRyeApp.Factories.class, SmallRyeApp.Counter.class);
    }
}
