package it.io.tributary;

import io.tributary.testing.Deadlines;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.JavaArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;

/**
 * The shared half of the tests that a {@code tributary-jms} channel with a bad configuration makes the
 * application fail to start on Liberty. Each subclass deploys one bad configuration ({@link #deploymentWith}
 * from its static {@code @Deployment} method, with {@code @ShouldThrowException(Exception.class)}: the Liberty
 * container hands over the server-side cause, a Weld DeploymentException the client cannot load) and names the
 * connector's message; this class checks that messages.log reports the failed start (CWWKZ0002E) with that
 * message, which names the channel, the key and the bad value. The tests run as clients: the application
 * never starts, so nothing can run inside it.
 */
abstract class BadChannelDeployment {

    /** Different in every run, so an older run's messages.log cannot make a test pass. */
    static final long RUN = 1 + ThreadLocalRandom.current().nextLong(1_000_000_000L);

    /** The application with {@code channels} as its microprofile-config.properties. */
    static WebArchive deploymentWith(String channels) {
        JavaArchive config = ShrinkWrap.create(JavaArchive.class, "bad-channels.jar")
                .addAsManifestResource(new StringAsset(channels), "microprofile-config.properties");
        return Deployments.application().addAsLibrary(config);
    }

    /** The connector's message for the bad configuration. */
    abstract String expectedMessage();

    @Test
    void theApplicationFailsToStartWithAMessageNamingChannelKeyAndValue() throws InterruptedException {
        Path log = Path.of(System.getProperty("arquillian.wlp.home"), "usr", "servers",
                System.getProperty("arquillian.server.name"), "logs", "messages.log");
        String failedStart = "CWWKZ0002E: An exception occurred while starting the application tributary."
                + " The exception message was: com.ibm.ws.container.service.state.StateChangeException:"
                + " org.jboss.weld.exceptions.DeploymentException: " + expectedMessage();
        Deadlines.await(() -> read(log).contains(failedStart), Duration.ofSeconds(30),
                "messages.log has no \"" + failedStart + "\"");
    }

    private static String read(Path log) {
        try {
            return Files.isRegularFile(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
