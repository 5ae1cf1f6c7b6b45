/**
 * CDI wiring: {@link io.tributary.cdi.TributaryRuntime} reads and validates the configuration at
 * application start, starts the embedded broker or connects to the configured one, and
 * {@link io.tributary.cdi.StreamBeans} makes {@code @Inject Streams} and
 * {@code @Inject @Stream("name") Producer / Consumer / Store} work.
 */
package io.tributary.cdi;
