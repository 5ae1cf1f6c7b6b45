/**
 * The in-process {@link io.tributary.work.Hub}: {@link io.tributary.work.hub.RingHub} dispatching round
 * robin over a {@link io.tributary.work.hub.SubscriptionRing} into one bounded
 * {@link io.tributary.work.hub.RingBuffer} per subscriber.
 */
package io.tributary.work.hub;
