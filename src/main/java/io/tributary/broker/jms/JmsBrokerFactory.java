package io.tributary.broker.jms;

import io.tributary.broker.Broker;
import io.tributary.broker.BrokerConfig;
import io.tributary.broker.BrokerFactory;
import io.tributary.broker.Eventer;
import io.tributary.stream.Message;
import io.tributary.stream.ProducerOptions;
import jakarta.jms.ConnectionFactory;

import java.util.Objects;

/**
 * Creates {@link JmsBroker}s on one connection factory; register it as {@code jms} in a
 * {@link io.tributary.broker.BrokerRegistry}. The factory must confirm sends (Artemis:
 * {@code confirmationWindowSize} set, see {@link io.tributary.artemis.ArtemisConnections}).
 */
public final class JmsBrokerFactory implements BrokerFactory {

    private final ConnectionFactory connectionFactory;
    private final ProducerOptions producerOptions;

    /** A factory of brokers on {@code connectionFactory} publishing with {@link ProducerOptions#DEFAULTS}. */
    public JmsBrokerFactory(ConnectionFactory connectionFactory) {
        this(connectionFactory, ProducerOptions.DEFAULTS);
    }

    /**
     * A factory of brokers on {@code connectionFactory} whose publishes follow {@code producerOptions}
     * (the {@code tributary.producer.*} keys: window, send timeout bounding the wait for buffer room,
     * confirm timeout).
     */
    public JmsBrokerFactory(ConnectionFactory connectionFactory, ProducerOptions producerOptions) {
        this.connectionFactory = Objects.requireNonNull(connectionFactory, "connectionFactory must not be null");
        this.producerOptions = Objects.requireNonNull(producerOptions, "producerOptions must not be null");
    }

    @Override
    public Broker<Message> create(BrokerConfig config, Eventer eventer) {
        return new JmsBroker(connectionFactory, config, eventer, producerOptions);
    }
}
