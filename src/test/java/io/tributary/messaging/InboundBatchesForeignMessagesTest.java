package io.tributary.messaging;

import io.tributary.artemis.ArtemisConnections;
import io.tributary.artemis.EmbeddedArtemis;
import io.tributary.stream.ConsumerOptions;
import io.tributary.stream.ProducerOptions;
import io.tributary.stream.jms.JmsStreams;
import io.tributary.testing.ForeignMessages;
import io.tributary.testing.ForeignMessages.Sent;
import io.tributary.testing.TestPorts;
import jakarta.jms.ConnectionFactory;
import org.apache.qpid.jms.JmsConnectionFactory;
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

    private EmbeddedArtemis broker;
    private ConnectionFactory core;
    private ConnectionFactory amqp;
    private JmsStreams streams;
    private final ExecutorService receiver = Executors.newSingleThreadExecutor();

    @BeforeEach
    void start() throws Exception {
        broker = new EmbeddedArtemis(data);
        broker.start();
        int port = TestPorts.shifted(61791);
        broker.server().getRemotingService().createAcceptor("amqp", "tcp://127.0.0.1:" + port + "?protocols=AMQP")
                .start();
        core = ArtemisConnections.connectionFactory(broker.connectionUrl());
        amqp = new JmsConnectionFactory("amqp://127.0.0.1:" + port);
        streams = new JmsStreams(core, ProducerOptions.DEFAULTS, ConsumerOptions.DEFAULTS, ".DLQ");
    }

    @AfterEach
    void stop() throws InterruptedException {
        receiver.shutdownNow();
        receiver.awaitTermination(WAIT.toSeconds(), TimeUnit.SECONDS);
        streams.close();
        broker.stop();
    }

    @Test
    void theChannelGetsTheWellFormedOnceInOrderAndNeverAMalformedOne() throws Exception {
        Sent sent = ForeignMessages.sendCodecCases(core, amqp, "foreign-channel");
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
        ForeignMessages.assertDeadLettered(core, "foreign-channel.DLQ", sent.malformed());
    }
}
