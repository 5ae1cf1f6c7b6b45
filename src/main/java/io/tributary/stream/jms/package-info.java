/**
 * The message-stream contract over ActiveMQ Artemis through JMS 2:
 * {@link io.tributary.stream.jms.JmsStreams} creates producers (confirmed asynchronous sends,
 * duplicate detection), transacted consumers (nack as re-send or dead letter inside the commit) and
 * queue-backed stores. One stream is one durable anycast queue of the same name.
 * {@link io.tributary.stream.jms.ConnectionSupervisor} keeps the shared connection alive (re-creating it
 * with backoff when the Artemis client gives up), and the producers and consumers it hands out re-open
 * their sessions on a re-created connection.
 */
package io.tributary.stream.jms;
