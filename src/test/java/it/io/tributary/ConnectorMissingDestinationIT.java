package it.io.tributary;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.ShouldThrowException;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.extension.ExtendWith;

/** An outgoing channel without a {@code destination} fails the application's start, naming the channel. */
@ExtendWith(ArquillianExtension.class)
class ConnectorMissingDestinationIT extends BadChannelDeployment {

    @Deployment(testable = false)
    @ShouldThrowException(Exception.class)
    static WebArchive deployment() {
        return deploymentWith("""
                mp.messaging.outgoing.out-%d.connector=tributary-jms
                """.formatted(RUN));
    }

    @Override
    String expectedMessage() {
        return "channel 'out-" + RUN + "': mp.messaging.*.out-" + RUN
                + ".destination is required: use queue://<stream name> or topic://<topic name>";
    }
}
