/**
 * The {@code tributary-jms} MicroProfile Reactive Messaging connector: {@code @Incoming}/{@code @Outgoing}
 * channels over Tributary streams and topics (Artemis queues and subscriptions), for Open Liberty's
 * {@code mpReactiveMessaging-3.0}. Channel attributes: {@link io.tributary.messaging.ChannelAttribute};
 * message metadata: {@link io.tributary.messaging.OutgoingMetadata}, {@link io.tributary.messaging.IncomingMetadata}.
 */
package io.tributary.messaging;
