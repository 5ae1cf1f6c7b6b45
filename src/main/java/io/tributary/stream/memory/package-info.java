/**
 * The in-memory implementation of the message-stream contract: the reference semantics, for tests and
 * single-JVM use. Nothing survives the JVM; "durably accepted" means "stored in this JVM's queue".
 * Entry point: {@link io.tributary.stream.memory.MemoryStreams}.
 */
package io.tributary.stream.memory;
