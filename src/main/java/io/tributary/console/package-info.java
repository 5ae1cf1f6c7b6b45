/**
 * The operations console: a page served by the application ({@code /tributary/console/}, static HTML
 * and JavaScript) over a small JSON admin API ({@code /api/admin}, role {@value
 * io.tributary.console.AdminResource#ROLE}) showing the streams, subscriptions and dead letters on the
 * broker and acting on them. Every action that changes messages is written to the audit log
 * ({@link io.tributary.console.Audit}). In Tributary's own WAR only, like {@link io.tributary.http}: the
 * classes jar leaves this package out (pom.xml).
 */
package io.tributary.console;
