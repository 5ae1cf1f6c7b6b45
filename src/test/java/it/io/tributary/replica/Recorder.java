package it.io.tributary.replica;

import io.tributary.cdi.Stream;
import io.tributary.messaging.IncomingMetadata;
import io.tributary.stream.Producer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Records a replica's work on {@link Record#STREAM} with a confirmed send; the caller settles its incoming
 * message only after that, so a replica that dies in between leaves the message to be delivered again
 * (at least once, never lost). The replica's name comes from {@code replica.name} (environment variable
 * {@code REPLICA_NAME}). Thread-safe.
 */
@ApplicationScoped
public class Recorder {

    @Inject
    @ConfigProperty(name = "replica.name")
    String replica;

    @Inject
    @Stream(Record.STREAM)
    Producer results;

    /** This replica's name. */
    public String replica() {
        return replica;
    }

    /**
     * Records {@code message} as work of {@code kind}, then acks it; nacks it if its payload is not a number
     * or the record was not sent.
     */
    public CompletionStage<Void> recordThenAck(String kind, Message<String> message) {
        IncomingMetadata in = message.unwrap(IncomingMetadata.class);
        long number;
        try {
            number = Long.parseLong(message.getPayload());
        } catch (NumberFormatException e) {
            return message.nack(new IllegalArgumentException("not a numbered message: '" + message.getPayload() + "'", e));
        }
        return record(new Record(kind, replica, in.id(), in.key() == null ? "" : in.key(), number))
                .handle((sent, failure) -> failure == null ? message.ack() : message.nack(failure))
                .thenCompose(settled -> settled);
    }

    /** Sends {@code record}; the stage completes when the broker has it. */
    public CompletionStage<Void> record(Record record) {
        try {
            return results.send(io.tributary.stream.Message.ofText(record.text()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return CompletableFuture.failedFuture(e);
        }
    }
}
