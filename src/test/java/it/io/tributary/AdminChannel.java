package it.io.tributary;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * The application side of {@link AdminApiIT}'s channel cases: the {@code tributary-jms} channel
 * {@value #CHANNEL} on the stream {@value #STREAM}, acking every message and remembering its payload.
 */
@ApplicationScoped
public class AdminChannel {

    /** The channel's name. */
    public static final String CHANNEL = "admin-in";
    /** The stream it receives from. */
    public static final String STREAM = "it-admin-channel";
    /** Its configuration. */
    public static final String CONFIG = "mp.messaging.incoming." + CHANNEL + ".connector=tributary-jms\n"
            + "mp.messaging.incoming." + CHANNEL + ".destination=queue://" + STREAM + "\n";

    private final List<String> received = new CopyOnWriteArrayList<>();

    @Incoming(CHANNEL)
    public CompletionStage<Void> consume(Message<String> message) {
        received.add(message.getPayload());
        return message.ack();
    }

    /** The payloads received so far. */
    public List<String> received() {
        return List.copyOf(received);
    }
}
