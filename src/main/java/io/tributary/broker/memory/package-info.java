/**
 * The in-memory broker: a bounded ring buffer in one JVM, with the reference semantics of the
 * {@link io.tributary.broker.Broker} contract. Events live only in memory: they are lost if the JVM dies.
 */
package io.tributary.broker.memory;
