package it.io.tributary;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Outgoing;
import org.eclipse.microprofile.reactive.streams.operators.PublisherBuilder;
import org.eclipse.microprofile.reactive.streams.operators.ReactiveStreams;

/**
 * The application side of {@link ConnectorIT}: an {@code @Outgoing} channel sending four orders through
 * the {@code tributary-jms} connector and an {@code @Incoming} channel receiving them from the same
 * Artemis queue; it acks every order but "poison", which it nacks each time it sees it.
 */
@ApplicationScoped
public class ConnectorOrders {

    /** The payload this bean always nacks. */
    public static final String POISON = "poison";

    private final List<String> received = new CopyOnWriteArrayList<>();
    private final AtomicInteger poisonAttempts = new AtomicInteger();

    @Outgoing("orders-out")
    public PublisherBuilder<String> orders() {
        return ReactiveStreams.of("order-1", "order-2", "order-3", POISON);
    }

    @Incoming("orders-in")
    public CompletionStage<Void> consume(Message<String> message) {
        if (POISON.equals(message.getPayload())) {
            poisonAttempts.incrementAndGet();
            return message.nack(new IllegalStateException("poison order rejected"));
        }
        received.add(message.getPayload());
        return message.ack();
    }

    /** The acked payloads, in arrival order. */
    public List<String> received() {
        return List.copyOf(received);
    }

    /** How many times the poison order was delivered. */
    public int poisonAttempts() {
        return poisonAttempts.get();
    }
}
