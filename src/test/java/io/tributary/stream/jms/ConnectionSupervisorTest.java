package io.tributary.stream.jms;

import io.tributary.eventstream.BackoffStrategy;
import io.tributary.eventstream.ExponentialBackoff;
import io.tributary.stream.StreamException;
import jakarta.jms.Connection;
import jakarta.jms.ExceptionListener;
import jakarta.jms.JMSException;
import jakarta.jms.JMSSecurityException;
import org.apache.activemq.artemis.api.core.client.FailoverEventType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The state machine, logging and backoff of {@link ConnectionSupervisor}, over fake connections. */
class ConnectionSupervisorTest {

    private static final Duration DEADLINE = Duration.ofSeconds(10);

    private final Logger logger = Logger.getLogger(ConnectionSupervisor.class.getName());
    private final List<LogRecord> logs = new CopyOnWriteArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord r) {
            if (r.getLevel().intValue() >= Level.INFO.intValue()) {
                logs.add(r);
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };
    private final List<FakeConnection> opened = new CopyOnWriteArrayList<>();
    private final AtomicInteger refusals = new AtomicInteger();
    private volatile JMSException refusal = new JMSException("connection refused");
    private final List<Integer> backoffFailures = new CopyOnWriteArrayList<>();
    private ConnectionSupervisor supervisor;

    @BeforeEach
    void captureLogs() {
        logger.addHandler(capture);
    }

    @AfterEach
    void stop() {
        logger.removeHandler(capture);
        if (supervisor != null) {
            supervisor.close();
        }
    }

    @Test
    void aRefusedFirstConnectIsRetriedWithBackoffUntilItSucceedsLoggingEachChangeOnce() {
        refusals.set(3);
        supervisor = new ConnectionSupervisor(this::open, recording(n -> Duration.ofMillis(1))).start();
        await(() -> supervisor.state() == ConnectionState.CONNECTED, "connected after three refusals");
        assertEquals(List.of(1, 2, 3), backoffFailures, "one backoff per failed attempt, counting up");
        assertEquals(List.of("WARNING FAILED", "INFO CONNECTED"), changes());
        assertEquals(1, supervisor.link().generation());
    }

    @Test
    void aConnectionThatFailsForGoodIsReplacedByANewGeneration() throws Exception {
        supervisor = new ConnectionSupervisor(this::open, recording(n -> Duration.ofMillis(1))).start();
        FakeConnection first = opened.get(0);
        assertTrue(first.started.get());
        first.fail();
        await(() -> supervisor.state() == ConnectionState.CONNECTED && opened.size() == 2, "re-created");
        await(first.closed::get, "the failed connection closed");
        assertEquals(2, supervisor.link().generation());
        assertEquals(opened.get(1).proxy, supervisor.link().connection());
        assertEquals(List.of("INFO CONNECTED", "WARNING FAILED", "INFO CONNECTED"), changes());
    }

    @Test
    void theClientsOwnReconnectionIsReportedOncePerChangeAndEventsOfOldConnectionsAreIgnored() {
        supervisor = new ConnectionSupervisor(this::open, recording(n -> Duration.ofMillis(1))).start();
        Connection c = opened.get(0).proxy;
        supervisor.onFailoverEvent(c, FailoverEventType.FAILURE_DETECTED);
        supervisor.onFailoverEvent(c, FailoverEventType.FAILURE_DETECTED);
        assertEquals(ConnectionState.RECONNECTING, supervisor.state());
        assertEquals(c, supervisor.link().connection(), "the connection is kept while the client reconnects");
        supervisor.onFailoverEvent(c, FailoverEventType.FAILOVER_COMPLETED);
        supervisor.onFailoverEvent(opened.get(0).proxy, FailoverEventType.FAILOVER_COMPLETED);
        assertEquals(List.of("INFO CONNECTED", "WARNING RECONNECTING", "INFO CONNECTED"), changes());

        supervisor.onFailoverEvent(c, FailoverEventType.FAILOVER_FAILED);
        await(() -> opened.size() == 2 && supervisor.state() == ConnectionState.CONNECTED, "re-created");
        supervisor.onFailoverEvent(c, FailoverEventType.FAILURE_DETECTED);
        assertEquals(ConnectionState.CONNECTED, supervisor.state(), "an event of the old connection changes nothing");
    }

    @Test
    void withoutAConnectionLinkNamesTheStateAndTheLastFailure() {
        refusals.set(Integer.MAX_VALUE);
        supervisor = new ConnectionSupervisor(this::open, recording(n -> Duration.ofHours(1))).start();
        StreamException e = assertThrows(StreamException.class, supervisor::link);
        assertTrue(e.getMessage().contains("FAILED") && e.getMessage().contains("connection refused"), e.getMessage());
        assertFalse(supervisor.terminal());
    }

    @Test
    void connectFailsFastAndClosesTheSupervisor() {
        refusals.set(1);
        ConnectionSupervisor s = new ConnectionSupervisor(this::open, recording(n -> Duration.ofMillis(1)));
        StreamException e = assertThrows(StreamException.class, s::connect);
        assertTrue(e.getMessage().contains("connection refused"), e.getMessage());
        assertEquals(0, opened.size());
        assertEquals(List.of(), backoffFailures, "no retry after a failed connect()");
    }

    @Test
    void refusedCredentialsAreTerminalLoggedOnceAndStillRetried() {
        refusals.set(Integer.MAX_VALUE);
        refusal = new JMSSecurityException("AMQ229031: Unable to validate user");
        supervisor = new ConnectionSupervisor(this::open, recording(n -> Duration.ofMillis(1))).start();
        await(() -> backoffFailures.size() >= 5, "five attempts");
        assertTrue(supervisor.terminal());
        assertEquals(1, logs.stream().filter(r -> r.getLevel() == Level.SEVERE).count(), changes().toString());

        refusals.set(0);
        await(() -> supervisor.state() == ConnectionState.CONNECTED, "connected once the credentials work");
        assertFalse(supervisor.terminal());
    }

    @Test
    void retriesNeverStopAndEachWaitStaysWithinTheJitteredExponentialBound() {
        ExponentialBackoff backoff = new ExponentialBackoff(Duration.ofMillis(1), Duration.ofMillis(8));
        List<Duration> waits = new CopyOnWriteArrayList<>();
        refusals.set(Integer.MAX_VALUE);
        supervisor = new ConnectionSupervisor(this::open, recording(n -> {
            Duration d = backoff.delay(n);
            waits.add(d);
            return d;
        })).start();
        await(() -> waits.size() >= 8, "eight attempts");
        for (int i = 0; i < waits.size(); i++) {
            Duration bound = backoff.bound(i + 1);
            Duration wait = waits.get(i);
            assertTrue(wait.compareTo(bound.dividedBy(2)) >= 0 && wait.compareTo(bound) <= 0,
                    "wait " + wait + " after failure " + (i + 1) + " outside [" + bound.dividedBy(2) + ", " + bound + "]");
        }
        assertEquals(Duration.ofMillis(8), backoff.bound(8), "capped");
        assertEquals(ConnectionState.FAILED, supervisor.state());
    }

    @Test
    void closeStopsRetryingAndClosesTheConnection() {
        supervisor = new ConnectionSupervisor(this::open, recording(n -> Duration.ofMillis(1))).start();
        supervisor.close();
        assertTrue(opened.get(0).closed.get());
        assertThrows(StreamException.class, supervisor::link);
    }

    private BackoffStrategy recording(BackoffStrategy delegate) {
        return n -> {
            backoffFailures.add(n);
            return delegate.delay(n);
        };
    }

    private Connection open() throws JMSException {
        if (refusals.getAndUpdate(n -> n == Integer.MAX_VALUE ? n : Math.max(0, n - 1)) > 0) {
            throw refusal;
        }
        FakeConnection c = new FakeConnection();
        opened.add(c);
        return c.proxy;
    }

    private List<String> changes() {
        List<String> out = new ArrayList<>();
        for (LogRecord r : logs) {
            for (ConnectionState s : ConnectionState.values()) {
                if (r.getMessage().startsWith("JMS connection to the broker " + s + ":")) {
                    out.add(r.getLevel() + " " + s);
                }
            }
        }
        return out;
    }

    private static void await(BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, "timed out waiting for: " + what);
            Thread.onSpinWait();
        }
    }

    /** A JMS connection that only starts, closes and fails through its exception listener. */
    private static final class FakeConnection {
        final AtomicBoolean started = new AtomicBoolean();
        final AtomicBoolean closed = new AtomicBoolean();
        volatile ExceptionListener listener;
        final Connection proxy = (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(),
                new Class<?>[] {Connection.class}, (self, method, args) -> switch (method.getName()) {
                    case "start" -> {
                        started.set(true);
                        yield null;
                    }
                    case "close" -> {
                        closed.set(true);
                        yield null;
                    }
                    case "setExceptionListener" -> {
                        listener = (ExceptionListener) args[0];
                        yield null;
                    }
                    case "hashCode" -> System.identityHashCode(self);
                    case "equals" -> self == args[0];
                    case "toString" -> "FakeConnection";
                    default -> throw new UnsupportedOperationException(method.getName());
                });

        void fail() {
            listener.onException(new JMSException("connection lost"));
        }
    }
}
