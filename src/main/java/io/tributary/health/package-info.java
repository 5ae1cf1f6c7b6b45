/**
 * MicroProfile Health checks for Tributary: readiness of the broker connection and the streams in use
 * ({@link io.tributary.health.BrokerReadiness}), liveness DOWN only on a terminal connection failure
 * ({@link io.tributary.health.BrokerLiveness}).
 */
package io.tributary.health;
