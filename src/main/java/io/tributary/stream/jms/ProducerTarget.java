package io.tributary.stream.jms;

import io.tributary.stream.Message;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSException;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;

/**
 * Where a producer sends: the queue {@code stream}, or, if {@code topic}, the topic of that name (a multicast
 * address: every subscription queue gets a copy). Knows how a message is encoded for it, so every producer
 * writes the same JMS message for the same {@link Message}. Immutable.
 */
record ProducerTarget(String stream, boolean topic) {

    /** The JMS message for {@code m}, its id as the duplicate-detection id, on {@code session}. */
    jakarta.jms.Message encode(Session session, Message m) throws JMSException {
        return MessageCodec.write(session, outgoing(m), m.id(), queueName());
    }

    /** Sends the encoding of {@code m} persistently, with its priority and time to live. */
    void send(MessageProducer producer, Session session, Message m) throws JMSException {
        producer.send(encode(session, m), DeliveryMode.PERSISTENT, m.priority(), MessageCodec.timeToLive(m));
    }

    /** A producer to this target on {@code session}, persistent by default. */
    MessageProducer producer(Session session) throws JMSException {
        MessageProducer p = session.createProducer(topic ? session.createTopic(stream) : session.createQueue(stream));
        p.setDeliveryMode(DeliveryMode.PERSISTENT);
        return p;
    }

    /** Names the producer in logs and errors. */
    String owner() {
        return "the " + (topic ? "publisher to topic '" : "producer to stream '") + stream + "'";
    }

    /**
     * The queue a reader gets back as the destination of what is sent here, so the codec may leave the
     * producer topic out; {@code null} for a topic, whose messages always carry it.
     */
    private String queueName() {
        return topic ? null : stream;
    }

    /**
     * The message as sent: produced to this stream. To a queue it is copied only when it names another
     * producer topic (a forwarded message), since the codec leaves the topic out when it is the queue
     * sent to; to a topic it always carries the topic.
     */
    private Message outgoing(Message m) {
        boolean asIs = stream.equals(m.producerTopic()) || (m.producerTopic() == null && !topic);
        return asIs ? m : m.toBuilder().producerTopic(stream).build();
    }
}
