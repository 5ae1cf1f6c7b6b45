package io.tributary.stream.jms;

import io.tributary.stream.Subscription;
import jakarta.jms.Connection;
import jakarta.jms.Destination;
import jakarta.jms.JMSException;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import org.apache.activemq.artemis.jms.client.ActiveMQDestination;
import org.apache.activemq.artemis.utils.CompositeAddress;

/**
 * What a {@link JmsConsumer} reads from: a stream's queue, or the queue of a topic subscription.
 *
 * <p>{@code stream} names the stream (its retry queue, dead letters and {@code consumerTopic});
 * {@code queue} is the Artemis queue holding its messages (counted by the backlog); {@code target}
 * opens the destination a message is put back to (released, retried): the queue itself for a stream,
 * and for a subscription the topic with the fully qualified queue name {@code topic::queue}, so a
 * retry reaches that subscription only, not every subscription of the topic. Immutable.
 *
 * @param stream the stream name
 * @param queue  the Artemis queue name
 * @param target opens the destination messages are put back to
 * @param opener opens the JMS consumer
 */
record ConsumerSource(String stream, String queue, Opener<Destination> target, Opener<MessageConsumer> opener) {

    /** Opens a JMS object of a source on a session. */
    @FunctionalInterface
    interface Opener<T> {
        T open(Session session) throws JMSException;
    }

    /** The queue of {@code stream}. */
    static ConsumerSource queue(String stream) {
        return new ConsumerSource(stream, stream, s -> s.createQueue(stream),
                s -> s.createConsumer(s.createQueue(stream)));
    }

    /**
     * The queue of a subscription: a JMS 2 shared (durable or not) subscription named
     * {@link Subscription#stream()}, so subscription queues of different topics never clash; Artemis
     * names its queue from that name and the connection's client id. Subscriptions that are not shared
     * are guarded apart (see {@link JmsStreams#subscriber}).
     */
    static ConsumerSource subscription(Connection connection, Subscription subscription) throws JMSException {
        String name = subscription.stream();
        String queue = ActiveMQDestination.createQueueNameForSubscription(subscription.durable(),
                connection.getClientID(), name).toString();
        String qualified = CompositeAddress.toFullyQualified(subscription.topic(), queue);
        return new ConsumerSource(name, queue, s -> s.createTopic(qualified), s -> subscription.durable()
                ? s.createSharedDurableConsumer(s.createTopic(subscription.topic()), name)
                : s.createSharedConsumer(s.createTopic(subscription.topic()), name));
    }
}
