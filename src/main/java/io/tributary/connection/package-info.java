/**
 * Where Tributary's JMS connections come from: a {@link io.tributary.connection.ConnectionSource} hands
 * the rest of the code one {@code jakarta.jms.ConnectionFactory}, whether it is Tributary's own embedded
 * Artemis broker, a broker at a URL, or a connection factory the application server defines in JNDI
 * (container-managed mode, through the Artemis resource adapter). Nothing outside this package needs to
 * know which.
 */
package io.tributary.connection;
