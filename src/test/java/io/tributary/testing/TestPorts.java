package io.tributary.testing;

/**
 * Loopback ports of the test brokers. Each test names its port in the 61700 range; the system
 * property {@code it.port.base} (pom property of the same name, default 61700) shifts every one of
 * them by the same amount, so two checkouts on one machine can run their tests at the same time
 * ({@code mvn verify -Dit.port.base=40000}). Thread-safe: a pure function.
 */
public final class TestPorts {

    /** The base the literal ports in the tests are written against. */
    public static final int DEFAULT_BASE = 61700;

    private TestPorts() {
    }

    /** {@code nominal} moved by {@code it.port.base - 61700}; fails if the result is not a TCP port. */
    public static int shifted(int nominal) {
        int port = nominal + Integer.getInteger("it.port.base", DEFAULT_BASE) - DEFAULT_BASE;
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("test port " + nominal + " shifted by it.port.base gives " + port
                    + ": choose an it.port.base that keeps every test port within 1 to 65535");
        }
        return port;
    }
}
