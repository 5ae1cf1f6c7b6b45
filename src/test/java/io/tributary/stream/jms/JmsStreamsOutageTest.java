package io.tributary.stream.jms;

import io.tributary.artemis.ArtemisConnections;
import io.tributary.artemis.EmbeddedArtemis;
import io.tributary.stream.Consumer;
import io.tributary.stream.ConsumerOptions;
import io.tributary.stream.Message;
import io.tributary.stream.Producer;
import io.tributary.stream.ProducerOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What {@link JmsStreams} does when the broker goes away under it. */
class JmsStreamsOutageTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @TempDir
    Path data;

    @Test
    void closingWhileTheBrokerIsDownDoesNotWaitForReconnectionAndLosesNothing() throws Exception {
        try (EmbeddedArtemis broker = new EmbeddedArtemis(data)) {
            broker.start();
            JmsStreams streams = streams(broker);
            try (Producer p = streams.producer("outage")) {
                p.send(Message.ofText("kept")).toCompletableFuture().get(10, TimeUnit.SECONDS);
            }
            Consumer c = streams.consumer("outage");
            assertEquals(1, c.receive(1, WAIT).size());
            broker.stop();
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (streams.isConnected() && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertTrue(!streams.isConnected(), "the client never reported the connection lost");
            CompletableFuture.runAsync(streams::close).get(20, TimeUnit.SECONDS);

            broker.start();
            try (JmsStreams again = streams(broker); Consumer c2 = again.consumer("outage")) {
                List<Message> got = c2.receive(1, WAIT);
                assertEquals(List.of("kept"), got.stream().map(Message::text).toList());
                c2.ack(got.get(0));
            }
        }
    }

    private static JmsStreams streams(EmbeddedArtemis broker) {
        return new JmsStreams(ArtemisConnections.connectionFactory(broker.connectionUrl()), ProducerOptions.DEFAULTS,
                ConsumerOptions.DEFAULTS, ".DLQ");
    }
}
