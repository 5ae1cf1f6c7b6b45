package io.tributary.testing;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Loopback ports of the test brokers and test servers. Each test names its port in the 61700 range; the
 * system property {@code it.port.base} (pom property of the same name, default 61700) shifts every one of
 * them by the same amount, so two checkouts on one machine can run their tests at the same time
 * ({@code mvn verify -Dit.port.base=62500}).
 *
 * <p>A port belongs to the first class that asks for it in this JVM: a second class asking for the same
 * one fails at once, naming both, instead of failing later with "address already in use" (two tests of one
 * failsafe run once chose the same port). Shared helpers ({@link ArtemisProcess}, {@link FaultyBroker})
 * ask on behalf of their callers, so they own the ports they are given. Thread-safe.
 */
public final class TestPorts {

    /** The base the literal ports in the tests are written against. */
    public static final int DEFAULT_BASE = 61700;

    private static final Map<Integer, Class<?>> OWNERS = new ConcurrentHashMap<>();
    private static final StackWalker WALKER = StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE);

    private TestPorts() {
    }

    /**
     * {@code nominal} moved by {@code it.port.base - 61700}; fails if the result is not a TCP port, or if
     * another class of this JVM already took {@code nominal}.
     */
    public static int shifted(int nominal) {
        int port = nominal + Integer.getInteger("it.port.base", DEFAULT_BASE) - DEFAULT_BASE;
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("test port " + nominal + " shifted by it.port.base gives " + port
                    + ": choose an it.port.base that keeps every test port within 1 to 65535");
        }
        Class<?> caller = WALKER.getCallerClass();
        Class<?> owner = OWNERS.putIfAbsent(nominal, caller);
        if (owner != null && owner != caller) {
            throw new IllegalStateException("test port " + nominal + " is already used by " + owner.getName()
                    + "; " + caller.getName() + " must choose another one");
        }
        return port;
    }
}
