package io.tributary.testing;

import io.tributary.stream.Message;
import io.tributary.stream.Producer;
import io.tributary.stream.StreamException;

import java.io.IOException;
import java.net.Socket;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.UnaryOperator;

/**
 * A real Artemis process with a {@link TcpProxy} in front, for fault-injection tests: clients connect
 * through {@link #proxiedUrl}, and the test injects the three outages of {@link #outages()} -- the proxy
 * cut, the proxy stalled, the broker killed with {@code kill -9} -- and ends each with {@link #restore()}.
 * {@link #close()} stops the proxy and the broker process (by its PID). Not thread-safe: one test drives it.
 */
public final class FaultyBroker implements AutoCloseable {

    /** Client URL parameters: fast failure detection (a stall is noticed in seconds), no reconnection by the client. */
    public static final String GIVE_UP = "&reconnectAttempts=0&callTimeout=3000&callFailoverTimeout=3000"
            + "&clientFailureCheckPeriod=500&connectionTTL=2000";

    private final ArtemisProcess broker;
    private final TcpProxy proxy;

    private FaultyBroker(ArtemisProcess broker, TcpProxy proxy) {
        this.broker = broker;
        this.proxy = proxy;
    }

    /**
     * Creates and starts a broker instance {@code name} on {@code brokerPort}, set up by {@code setup}
     * before it starts, and a proxy to it on {@code proxyPort} (ports as written, shifted by {@link TestPorts}).
     */
    public static FaultyBroker start(String name, int brokerPort, int proxyPort, UnaryOperator<ArtemisProcess> setup) {
        ArtemisProcess broker = setup.apply(ArtemisProcess.create(name, TestPorts.shifted(brokerPort))).start();
        try {
            return new FaultyBroker(broker, new TcpProxy(TestPorts.shifted(proxyPort), broker.port()));
        } catch (RuntimeException e) {
            broker.close();
            throw e;
        }
    }

    /** The broker process. */
    public ArtemisProcess broker() {
        return broker;
    }

    /** The proxy. */
    public TcpProxy proxy() {
        return proxy;
    }

    /** A client URL through the proxy with confirmed sends and {@code parameters} (each starting with '&'). */
    public String proxiedUrl(String parameters) {
        return "tcp://127.0.0.1:" + proxy.port() + "?confirmationWindowSize=1048576" + parameters;
    }

    /** The outages, by name, in the order a test runs them: cut, stall, kill -9. */
    public Map<String, Runnable> outages() {
        Map<String, Runnable> outages = new LinkedHashMap<>();
        outages.put("cut", proxy::cut);
        outages.put("stall", proxy::stall);
        outages.put("kill -9", broker::kill);
        return outages;
    }

    /** Ends any outage: the proxy forwards again, and a killed broker is started again. */
    public void restore() {
        proxy.restore();
        if (!brokerAccepting()) {
            broker.start();
        }
    }

    private boolean brokerAccepting() {
        try (Socket s = new Socket("127.0.0.1", broker.port())) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Sends {@code m}, again until the broker confirmed it (a resend is routed once), for at most
     * {@code deadline}.
     */
    public static void sendConfirmed(Producer producer, Message m, Duration deadline) throws InterruptedException {
        long end = System.nanoTime() + deadline.toNanos();
        while (true) {
            try {
                producer.send(m).toCompletableFuture().get(30, TimeUnit.SECONDS);
                return;
            } catch (StreamException | ExecutionException | TimeoutException e) {
                if (System.nanoTime() - end > 0) {
                    throw new AssertionError("message " + m.id() + " never confirmed within " + deadline, e);
                }
                Thread.sleep(50);
            }
        }
    }

    @Override
    public void close() {
        try {
            proxy.close();
        } finally {
            broker.close();
        }
    }
}
