/**
 * The HTTP bridge: a REST proxy to streams for clients that do not speak JMS, under {@code /api}
 * ({@link io.tributary.http.StreamResource}). Every call needs a login as one of the users of
 * {@link io.tributary.http.BridgeUsers} (from MicroProfile Config only) and the call's
 * {@link io.tributary.http.Roles role}; only the streams of {@code tributary.http.streams} are served, never an
 * internal queue; an at-least-once receive leases its messages until a later ack or nack, or until the lease
 * expires and they are delivered again ({@link io.tributary.http.Bridge}).
 *
 * <p>In Tributary's own WAR only: the classes jar leaves this package out (pom.xml), because its JAX-RS
 * application, resources and {@link io.tributary.http.Errors exception mapper} would join a host
 * application's JAX-RS applications and its {@code @BasicAuthenticationMechanismDefinition} would put HTTP
 * Basic in front of the whole host application. Inside the WAR the mapper sees only Tributary's resources.
 */
package io.tributary.http;
