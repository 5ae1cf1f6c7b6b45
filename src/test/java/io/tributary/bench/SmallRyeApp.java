package io.tributary.bench;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.jms.ConnectionFactory;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * The application the SmallRye JMS connector runs in Weld SE for {@link SmallRyeConsume}: a bean producing the
 * benchmark's {@link ConnectionFactory} for the connector, and an {@code @Incoming} bean reading each body and
 * counting messages. Both hand over through static fields because Weld instantiates them; one run at a time.
 */
final class SmallRyeApp {

    /** The channel the connector feeds. */
    static final String CHANNEL = "bench-in";

    private static volatile ConnectionFactory factory;
    private static volatile ListenerProgress progress;

    private SmallRyeApp() {
    }

    /** Sets what the next container's beans use. */
    static void prepare(ConnectionFactory connectionFactory, ListenerProgress listenerProgress) {
        factory = connectionFactory;
        progress = listenerProgress;
    }

    /** Gives the connector the benchmark's connection factory. */
    @ApplicationScoped
    public static class Factories {

        @Produces
        @ApplicationScoped
        ConnectionFactory connectionFactory() {
            return factory;
        }
    }

    /** Counts every message of the channel. */
    @ApplicationScoped
    public static class Counter {

        @Incoming(CHANNEL)
        public CompletionStage<Void> onMessage(Message<?> message) {
            message.getPayload();
            progress.handled();
            return message.ack();
        }
    }
}
