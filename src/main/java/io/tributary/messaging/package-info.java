/**
 * The {@code tributary-jms} MicroProfile Reactive Messaging connector: {@code @Incoming}/{@code @Outgoing}
 * channels over Tributary streams (Artemis queues), for Open Liberty's {@code mpReactiveMessaging-3.0}.
 */
package io.tributary.messaging;
