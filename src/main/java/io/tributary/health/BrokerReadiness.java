package io.tributary.health;

import io.tributary.cdi.TributaryRuntime;
import io.tributary.metrics.StreamUse;
import io.tributary.stream.jms.ConnectionState;
import io.tributary.stream.jms.JmsStreams;
import io.tributary.supervision.LoopHealth;
import io.tributary.supervision.Loops;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Readiness of Tributary's streams: UP when the broker connection is {@link ConnectionState#CONNECTED}
 * (and so is the unbuffered one of the HTTP bridge's leases, once opened), DOWN while one is reconnecting or
 * failed (the data say which, since when, and the last failure). Every
 * stream in use (with open producers or consumers, including the connector's channels) is listed as
 * {@code stream.<name>} with its producers, consumers and its own UP/DOWN and reason: all streams share
 * the one connection, so they are up or down together. An event stream that has not reached the broker
 * yet ({@code @Events} injected while the broker was down) makes it DOWN too, listed as
 * {@code eventstream.<identity>} with the reason. Every long-running loop (connector channel, consumer
 * pipeline; {@link Loops}) is listed as {@code loop.<name>} with its state; one that is {@code RECOVERING}
 * (its last pass failed and it is backing off) makes the check DOWN too; only the kind of its last failure
 * is shown (the text, which may name hosts, is in the server log). The in-memory transport is UP unless a
 * loop is recovering. The datum {@value #APP_DATA} names the application, since Liberty lists the checks of
 * every application on the server together.
 * Thread-safe; cheap (reads state, never calls the broker).
 */
@Readiness
@ApplicationScoped
public class BrokerReadiness implements HealthCheck {

    /** The name of this check in {@code /health/ready}. */
    public static final String NAME = "tributary-broker";
    /** The datum naming the application a check belongs to (several may run on one server). */
    public static final String APP_DATA = "app";

    @Inject
    TributaryRuntime runtime;

    @Override
    public HealthCheckResponse call() {
        Optional<JmsStreams> jms = runtime.jmsStreams();
        Optional<JmsStreams> unbuffered = runtime.unbufferedJmsStreams();
        Map<String, String> waiting = runtime.eventStreamsWaiting();
        boolean connected = jms.map(JmsStreams::isConnected).orElse(true)
                && unbuffered.map(JmsStreams::isConnected).orElse(true);
        List<LoopHealth> loops = Loops.live();
        boolean loopsRunning = loops.stream().allMatch(l -> l.state() == LoopHealth.State.RUNNING);
        boolean up = connected && waiting.isEmpty() && loopsRunning;
        String reason = !connected ? jms.filter(j -> !j.isConnected()).or(() -> unbuffered)
                .map(j -> "broker connection " + j.supervisor().summary()).orElse("connected")
                : waiting.isEmpty() ? "connected" : waiting.size() + " event stream(s) not connected to the broker yet";
        HealthCheckResponseBuilder b = HealthCheckResponse.named(NAME).status(up)
                .withData(APP_DATA, runtime.applicationName())
                .withData("transport", jms.isPresent() ? "jms" : "memory")
                .withData("state", jms.map(j -> j.connectionState().name()).orElse(ConnectionState.CONNECTED.name()))
                .withData("reason", reason);
        waiting.forEach((stream, state) -> b.withData("eventstream." + stream, "DOWN: " + state));
        for (StreamUse use : runtime.streams().use()) {
            if (use.inUse()) {
                b.withData("stream." + use.stream(), (connected ? "UP" : "DOWN") + ": " + use.producers() + " producer(s), "
                        + use.consumers() + " consumer(s); " + reason);
            }
        }
        for (LoopHealth loop : loops) {
            b.withData("loop." + loop.name(), loop.summary());
        }
        return b.build();
    }
}
