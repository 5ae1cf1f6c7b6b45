/**
 * A fan-in {@link io.tributary.fanin.Source} over the message-stream contract: works with every
 * {@link io.tributary.stream.Streams} implementation (in-memory or JMS).
 */
package io.tributary.fanin.stream;
