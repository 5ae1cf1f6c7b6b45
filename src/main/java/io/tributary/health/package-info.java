/** MicroProfile Health checks for Tributary: broker connection readiness. */
package io.tributary.health;
