package it.io.tributary;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.ShouldThrowException;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.extension.ExtendWith;

/** A channel whose destination is neither {@code queue://} nor {@code topic://} fails the application's start. */
@ExtendWith(ArquillianExtension.class)
class ConnectorUnknownDestinationTypeIT extends BadChannelDeployment {

    @Deployment(testable = false)
    @ShouldThrowException(Exception.class)
    static WebArchive deployment() {
        return deploymentWith("""
                mp.messaging.incoming.bad-in.connector=tributary-jms
                mp.messaging.incoming.bad-in.destination=fifo://orders-%d
                """.formatted(RUN));
    }

    @Override
    String expectedMessage() {
        return "channel 'bad-in': mp.messaging.*.bad-in.destination = 'fifo://orders-" + RUN
                + "' has an unknown destination type: use queue://<stream name> or topic://<topic name>";
    }
}
