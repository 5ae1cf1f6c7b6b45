/**
 * Tributary's settings: every {@code tributary.*} MicroProfile Config key is declared once in
 * {@link io.tributary.config.ConfigKey} (name, type, default, allowed values, meaning), validated at
 * start-up by {@link io.tributary.config.TributaryConfig}, and documented from that declaration
 * ({@link io.tributary.config.ConfigTable} writes the table in docs/configuration.md).
 */
package io.tributary.config;
