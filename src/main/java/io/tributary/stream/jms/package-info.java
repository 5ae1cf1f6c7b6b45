/**
 * The message-stream contract over ActiveMQ Artemis through JMS 2:
 * {@link io.tributary.stream.jms.JmsStreams} creates producers (confirmed asynchronous sends,
 * duplicate detection), transacted consumers (nack as re-send or dead letter inside the commit) and
 * queue-backed stores. One stream is one durable anycast queue of the same name.
 */
package io.tributary.stream.jms;
