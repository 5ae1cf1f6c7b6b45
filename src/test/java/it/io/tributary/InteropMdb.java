package it.io.tributary;

import jakarta.ejb.MessageDriven;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * A plain message-driven bean, as a Jakarta EE team has them already: activated by the Artemis resource
 * adapter through the server's {@code jmsActivationSpec} {@code jms/interopSpec} (queue {@code it-interop};
 * bound in this test's {@code ibm-ejb-jar-bnd.xml}), container-managed transaction, one per message. It
 * keeps what it received, bounded, for {@link MdbInteropIT} to read.
 */
@MessageDriven(name = "InteropMdb")
public class InteropMdb implements MessageListener {

    /** What one delivery carried. */
    public record Received(String body, String groupId, Map<String, String> properties) {
    }

    private static final int KEPT = 10_000;
    private static final ConcurrentLinkedQueue<Received> RECEIVED = new ConcurrentLinkedQueue<>();

    @Override
    public void onMessage(Message message) {
        try {
            Map<String, String> properties = new TreeMap<>();
            for (Enumeration<?> names = message.getPropertyNames(); names.hasMoreElements(); ) {
                String name = (String) names.nextElement();
                properties.put(name, String.valueOf(message.getObjectProperty(name)));
            }
            byte[] body = message.getBody(byte[].class);
            RECEIVED.add(new Received(body == null ? "" : new String(body, java.nio.charset.StandardCharsets.UTF_8),
                    message.getStringProperty("JMSXGroupID"), properties));
            while (RECEIVED.size() > KEPT) {
                RECEIVED.poll();
            }
        } catch (JMSException e) {
            throw new IllegalStateException("cannot read message: " + e, e);
        }
    }

    /** Every delivery kept so far, oldest first. */
    public static List<Received> received() {
        return new ArrayList<>(RECEIVED);
    }
}
