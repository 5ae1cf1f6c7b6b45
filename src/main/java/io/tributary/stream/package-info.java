/**
 * The message-stream contract: {@link io.tributary.stream.Message}, {@link io.tributary.stream.Producer},
 * {@link io.tributary.stream.Consumer} and {@link io.tributary.stream.Store}, created by a
 * {@link io.tributary.stream.Streams} factory. Implementations live beside this package:
 * {@code memory} (reference semantics, single JVM) and {@code jms} (ActiveMQ Artemis).
 */
package io.tributary.stream;
