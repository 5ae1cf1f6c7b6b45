package it.io.tributary;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.ShouldThrowException;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.JavaArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A {@code tributary-jms} channel with a bad attribute (here a negative {@code concurrency}) makes the
 * application fail to start on Liberty: the deployment fails ({@link ShouldThrowException}; the Liberty
 * container hands over the server-side cause, a Weld DeploymentException whose class the client cannot
 * load, hence {@code Exception}) and the server's messages.log reports the failed start (CWWKZ0002E)
 * with the connector's message naming the channel, the key and the bad value.
 * Runs as a client (the application never starts, so nothing can run inside it).
 */
@ExtendWith(ArquillianExtension.class)
class ConnectorConfigIT {

    /** Negative, and different in every run, so an older run's messages.log cannot make the test pass. */
    private static final long BAD = -1 - ThreadLocalRandom.current().nextLong(1_000_000_000L);
    private static final String CHANNELS = """
            mp.messaging.incoming.bad-in.connector=tributary-jms
            mp.messaging.incoming.bad-in.destination=queue://it-bad-config
            mp.messaging.incoming.bad-in.concurrency=%d
            """.formatted(BAD);
    private static final String EXPECTED =
            "channel 'bad-in': mp.messaging.*.bad-in.concurrency = '" + BAD + "' is out of range: use 1 to 10";

    @Deployment(testable = false)
    @ShouldThrowException(Exception.class)
    static WebArchive deployment() {
        JavaArchive channels = ShrinkWrap.create(JavaArchive.class, "bad-channels.jar")
                .addAsManifestResource(new StringAsset(CHANNELS), "microprofile-config.properties");
        return Deployments.application().addAsLibrary(channels);
    }

    @Test
    void theApplicationFailsToStartWithAMessageNamingChannelKeyAndValue() throws IOException {
        Path log = Path.of(System.getProperty("arquillian.wlp.home"), "usr", "servers",
                System.getProperty("arquillian.server.name"), "logs", "messages.log");
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        String text = "";
        String failedStart = "CWWKZ0002E: An exception occurred while starting the application tributary."
                + " The exception message was: com.ibm.ws.container.service.state.StateChangeException:"
                + " org.jboss.weld.exceptions.DeploymentException: " + EXPECTED;
        while (!text.contains(failedStart) && System.nanoTime() < deadline) {
            text = Files.isRegularFile(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
            java.util.concurrent.locks.LockSupport.parkNanos(50_000_000L);
        }
        assertTrue(text.contains(failedStart), "messages.log has no \"" + failedStart + "\"");
    }
}
