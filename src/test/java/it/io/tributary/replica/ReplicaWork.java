package it.io.tributary.replica;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * The work every replica of the test application does: messages of the shared queue ({@code work}
 * channel) and of two durable shared subscriptions of one topic ({@code audit}, {@code billing}) are
 * recorded ({@link Recorder}) and then acked. The payload of each is its number.
 */
@ApplicationScoped
public class ReplicaWork {

    @Inject
    Recorder recorder;

    @Incoming("work")
    public CompletionStage<Void> work(Message<String> message) {
        return recorder.recordThenAck("work", message);
    }

    @Incoming("audit")
    public CompletionStage<Void> audit(Message<String> message) {
        return recorder.recordThenAck("audit", message);
    }

    @Incoming("billing")
    public CompletionStage<Void> billing(Message<String> message) {
        return recorder.recordThenAck("billing", message);
    }
}
