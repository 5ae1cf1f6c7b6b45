/**
 * The JMS broker: one ActiveMQ Artemis queue per broker, named after it. Publishing is a confirmed send
 * through the message-stream producer ({@link io.tributary.stream.jms.JmsStreams}); {@code get(n)} is a
 * transacted receive of up to n messages; {@code ack} sends an ack notice to the topic
 * {@code <name>.acks} and commits, in one transaction, so every broker instance on the queue hears every
 * ack, and a consumer that dies un-acked has its batch rolled back and delivered again.
 */
package io.tributary.broker.jms;
