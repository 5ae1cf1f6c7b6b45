/**
 * Building blocks shared by the implementations of the stream contract (memory, JMS): how a batch is
 * collected (fixed or adaptive batching), the bookkeeping of an open batch and the decision of what a
 * nack does. Applications do not need these types.
 */
package io.tributary.stream.support;
