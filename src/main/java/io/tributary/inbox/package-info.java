/**
 * The idempotent consumer without XA: an {@link io.tributary.inbox.Inbox} table in the application's own
 * database records each handled message id in the same local transaction as the handler's writes, so a
 * message delivered again (after a crash between the database commit and the ack) is recognised and
 * only acked.
 */
package io.tributary.inbox;
