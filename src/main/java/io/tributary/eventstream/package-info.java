/**
 * The event-stream contract (after dogmatiq's {@code eventstream}): an ordered, offset-addressed,
 * replayable stream of typed events that any number of readers open at any retained offset and follow
 * live.
 *
 * <ul>
 *   <li>{@link io.tributary.eventstream.EventStream}: its {@link io.tributary.eventstream.StreamIdentity},
 *       the event types it carries, {@code append} (atomic, one total order, durable on return) and
 *       {@code open(offset, types)};</li>
 *   <li>{@link io.tributary.eventstream.Cursor}: {@code next(deadline)}, one thread per cursor;</li>
 *   <li>{@link io.tributary.eventstream.StreamConsumer}: resumes from
 *       {@link io.tributary.eventstream.EventHandler#nextOffset}, limits concurrent handling with a
 *       semaphore and restarts after failures with a {@link io.tributary.eventstream.BackoffStrategy};</li>
 *   <li>{@link io.tributary.eventstream.Retention}: by count and/or age; only truncation by retention
 *       makes {@link io.tributary.eventstream.Truncated}.</li>
 * </ul>
 *
 * Implementations live beside this package: {@code memory} (the reference semantics, single JVM) and
 * {@code jms} (ActiveMQ Artemis, durable and shared by several application instances). Logic both share
 * (cursor filtering, gap detection, argument checks) lives once in {@code support}.
 */
package io.tributary.eventstream;
