/**
 * Logic every {@link io.tributary.eventstream.EventStream} implementation shares, so that it lives once:
 * argument checks ({@link io.tributary.eventstream.support.EventTypes}) and the cursor's filtering,
 * gap detection and close bookkeeping ({@link io.tributary.eventstream.support.AbstractCursor}).
 */
package io.tributary.eventstream.support;
