package it.io.tributary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Tributary's own WAR serves the HTTP bridge (its WAR-only settings enable it): a message posted is
 * received back through the bridge, a bad parameter answers 400 naming it, an unknown path 404.
 */
@ExtendWith(ArquillianExtension.class)
class HttpBridgeIT {

    private static final String ROOT = "/tributary/api/streams/";

    @Deployment
    static WebArchive deployment() {
        return Deployments.application(HttpBridgeIT.class, HttpProbe.class);
    }

    @Test
    void aPostedMessageIsReceivedBackThroughTheBridge() throws Exception {
        String stream = "bridge-" + UUID.randomUUID();
        HttpResponse<String> sent = HttpProbe.post(ROOT + stream + "/messages", "order 1");
        assertEquals(202, sent.statusCode(), sent.body());
        assertTrue(HttpProbe.get(ROOT + stream).body().contains("\"backlog\":1"));
        HttpResponse<String> received = HttpProbe.post(ROOT + stream + "/receive?max=10&waitMs=5000", "");
        assertEquals(200, received.statusCode(), received.body());
        assertTrue(received.body().contains("\"text\":\"order 1\""), received.body());
    }

    @Test
    void badRequestsAreNamed() throws Exception {
        HttpResponse<String> badMax = HttpProbe.post(ROOT + "orders/receive?max=0", "");
        assertEquals(400, badMax.statusCode(), badMax.body());
        assertTrue(badMax.body().contains("max=0 is out of range"), badMax.body());
        HttpResponse<String> badNumber = HttpProbe.post(ROOT + "orders/receive?waitMs=soon", "");
        assertEquals(400, badNumber.statusCode(), badNumber.body());
        assertTrue(badNumber.body().contains("waitMs='soon'"), badNumber.body());
        assertEquals(404, HttpProbe.get(ROOT + "orders/elsewhere").statusCode());
    }
}
