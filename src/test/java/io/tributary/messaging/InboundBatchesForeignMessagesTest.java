package io.tributary.messaging;

import io.tributary.stream.ConsumerOptions;
import io.tributary.stream.ProducerOptions;
import io.tributary.stream.jms.JmsStreams;
import io.tributary.testing.ForeignMessages;
import io.tributary.testing.ForeignMessages.Sent;
import io.tributary.testing.AmqpBroker;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The generated foreign-message test on the connector's path: {@link InboundBatches} over a JMS stream
 * consumer, fed by the Artemis core client and by Qpid JMS over AMQP (see {@link ForeignMessages}). Every
 * well-formed message reaches the channel once and in order; every malformed one is dead-lettered with a
 * reason and never reaches it.
 */
class InboundBatchesForeignMessagesTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path data;

    private final ExecutorService receiver = Executors.newSingleThreadExecutor();
    private AmqpBroker broker;
    private JmsStreams streams;

    @BeforeEach
    void start() throws Exception {
        broker = new AmqpBroker(data, 61791);
        streams = new JmsStreams(broker.core(), ProducerOptions.DEFAULTS, ConsumerOptions.DEFAULTS, ".DLQ");
    }

    @AfterEach
    void stop() throws InterruptedException {
        receiver.shutdownNow();
        receiver.awaitTermination(WAIT.toSeconds(), TimeUnit.SECONDS);
        streams.close();
        broker.close();
    }

    @Test
    void theChannelGetsTheWellFormedOnceInOrderAndNeverAMalformedOne() throws Exception {
        Sent sent = ForeignMessages.sendCodecCases(broker.core(), broker.amqp(), "foreign-channel");
        InboundBatches inbound = new InboundBatches(streams.consumer("foreign-channel"), 16, 4);
        List<String> got = new ArrayList<>();
        Future<?> receiving = receiver.submit(() -> {
            while (!got.contains(ForeignMessages.last(sent))) {
                Message<Object> m = inbound.next();
                got.add(m.unwrap(IncomingMetadata.class).tags().get(ForeignMessages.SEQ));
                m.ack().toCompletableFuture().join();
            }
            return null;
        });
        try {
            receiving.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        } finally {
            inbound.stop();
            receiving.cancel(true);
            inbound.close();
        }
        assertEquals(sent.wellFormed(), got, "well-formed messages, each once, in order");
        ForeignMessages.assertDeadLettered(broker.core(), "foreign-channel.DLQ", sent.malformed());
    }
}
