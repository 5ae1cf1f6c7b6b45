/**
 * ActiveMQ Artemis plumbing: an embedded, persistent broker for the default connection mode and for
 * tests ({@link io.tributary.artemis.EmbeddedArtemis}), and JMS connection factories built from a
 * broker URL with the client settings Tributary's guarantees rely on
 * ({@link io.tributary.artemis.ArtemisConnections}).
 */
package io.tributary.artemis;
