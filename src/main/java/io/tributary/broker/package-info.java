/**
 * The batching-broker contract, after elastic libbeat's publisher queue: producers
 * {@link io.tributary.broker.BrokerProducer#publish publish} single events into a bounded buffer,
 * consumers {@link io.tributary.broker.BrokerConsumer#get get} batches and
 * {@link io.tributary.broker.Batch#ack ack} them, and every ack fires the producers' ACK callbacks in
 * publish order. Brokers are picked by type name from a {@link io.tributary.broker.BrokerRegistry}.
 * Implementations live beside this package: {@code memory} (a bounded ring buffer in one JVM) and
 * {@code jms} (one ActiveMQ Artemis queue per broker).
 */
package io.tributary.broker;
