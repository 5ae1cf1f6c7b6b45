package it.io.tributary;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.ShouldThrowException;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.extension.ExtendWith;

/** A channel with a negative {@code max-in-flight} fails the application's start, naming channel, key and value. */
@ExtendWith(ArquillianExtension.class)
class ConnectorNegativeInFlightIT extends BadChannelDeployment {

    @Deployment(testable = false)
    @ShouldThrowException(Exception.class)
    static WebArchive deployment() {
        return deploymentWith("""
                mp.messaging.incoming.bad-in.connector=tributary-jms
                mp.messaging.incoming.bad-in.destination=queue://it-bad-config
                mp.messaging.incoming.bad-in.max-in-flight=%d
                """.formatted(-RUN));
    }

    @Override
    String expectedMessage() {
        return "channel 'bad-in': mp.messaging.*.bad-in.max-in-flight = '" + -RUN + "' is out of range: use 1 to 10";
    }
}
