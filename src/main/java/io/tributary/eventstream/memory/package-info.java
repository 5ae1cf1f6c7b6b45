/**
 * The in-memory {@link io.tributary.eventstream.EventStream}: the reference semantics of the contract,
 * for tests and single-JVM use. Its events live in the JVM's heap, bounded by the stream's
 * {@link io.tributary.eventstream.Retention}, and are gone when the JVM stops.
 */
package io.tributary.eventstream.memory;
