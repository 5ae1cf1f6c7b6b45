package io.tributary.reliability;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tributary.artemis.ArtemisConnections;
import io.tributary.stream.ConsumerOptions;
import io.tributary.stream.ProducerOptions;
import io.tributary.stream.StreamException;
import io.tributary.stream.jms.JmsStreams;
import io.tributary.testing.ArtemisProcess;
import jakarta.jms.JMSSecurityException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Scenario 6 (security): a wrong password is refused at once with a clear security error, never a hang. */
class SecurityIT {

    private static final int PORT = 61769;

    @Test
    void aWrongPasswordIsRefusedClearlyAndQuickly() {
        try (ArtemisProcess broker = ArtemisProcess.create("reliability-security", PORT).start()) {
            long started = System.nanoTime();
            StreamException refused = assertTimeoutPreemptively(Duration.ofSeconds(30), () -> assertThrows(
                    StreamException.class, () -> new JmsStreams(ArtemisConnections.connectionFactory(broker.url(),
                            broker.user(), "wrong-" + broker.password()), ProducerOptions.DEFAULTS,
                            ConsumerOptions.DEFAULTS, Connect.DLQ_SUFFIX).close()));
            long millis = Duration.ofNanos(System.nanoTime() - started).toMillis();
            Throwable cause = refused;
            while (cause != null && !(cause instanceof JMSSecurityException)) {
                cause = cause.getCause();
            }
            String error = String.valueOf(refused.getMessage()) + " / " + (cause == null ? "no JMSSecurityException" : cause.getMessage());
            ReliabilitySummary.record("security-wrong-password", 0, 0, 0, 0,
                    "refused in " + millis + " ms: " + error);
            assertTrue(cause != null, "no JMSSecurityException in the cause chain of " + refused);
            assertTrue(!error.contains(broker.password()), "the error message shows the password");
        }
    }
}
