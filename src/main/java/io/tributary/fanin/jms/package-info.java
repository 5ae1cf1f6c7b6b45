/**
 * A fan-in {@link io.tributary.fanin.Source} over a JMS destination of ActiveMQ Artemis: a queue, or a
 * topic with a subscription per consumer, or a shared (optionally durable) subscription.
 */
package io.tributary.fanin.jms;
