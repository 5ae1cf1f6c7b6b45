/**
 * Supervision of Tributary's long-running loops (connector channels, consumer pipelines, broker
 * consumers): {@link io.tributary.supervision.LoopHealth} is the state of one loop, which survives a
 * transient failure by backing off and trying again, logs each change of state once and is listed by
 * {@link io.tributary.supervision.Loops} for readiness.
 */
package io.tributary.supervision;
