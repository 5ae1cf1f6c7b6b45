/** The MicroProfile Metrics backend of Tributary's {@link io.tributary.metrics.Meters}. */
package io.tributary.metrics.microprofile;
