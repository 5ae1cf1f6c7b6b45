package io.tributary.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tributary.stream.ConsumerOptions;
import io.tributary.stream.Producer;
import io.tributary.stream.RedeliveryPolicy;
import io.tributary.stream.memory.MemoryStreams;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class InboundBatchesTest {

    private final MemoryStreams streams = new MemoryStreams();

    @AfterEach
    void close() {
        streams.close();
    }

    private InboundBatches inbound(int attempts) {
        ConsumerOptions options = streams.defaultConsumerOptions().withBatchSize(2)
                .withRedelivery(new RedeliveryPolicy(attempts, Duration.ZERO, 1.0, Duration.ZERO));
        return new InboundBatches(streams.consumer("orders", options), 2);
    }

    private void send(io.tributary.stream.Message m) throws Exception {
        try (Producer p = streams.producer("orders")) {
            p.send(m).toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void outgoingKeyTagsAndTextSurviveTheRoundTrip() throws Exception {
        Message<String> out = TributaryMessage.of("hello", "k1", Map.of("region", "eu"));
        try (Producer p = streams.producer("orders")) {
            TributaryConnector.send(p, out).toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
        InboundBatches in = inbound(3);
        TributaryMessage<?> got = assertInstanceOf(TributaryMessage.class, in.next());
        assertEquals("hello", got.getPayload());
        assertEquals("k1", got.key());
        assertEquals("eu", got.tags().get("region"));
        got.ack().toCompletableFuture().get(10, TimeUnit.SECONDS);
        in.close();
        assertEquals(0, streams.backlog("orders"));
    }

    @Test
    void nackRedeliversThenDeadLettersPastMaxAttempts() throws Exception {
        send(io.tributary.stream.Message.ofText("poison"));
        InboundBatches in = inbound(2);
        in.next().nack(new IllegalStateException("bad order")).toCompletableFuture().get(10, TimeUnit.SECONDS);
        Message<Object> again = in.next();
        assertEquals("poison", again.getPayload());
        again.nack(new IllegalStateException("bad order")).toCompletableFuture().get(10, TimeUnit.SECONDS);
        in.close();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (streams.backlog(streams.deadLetterStream("orders")) == 0 && System.nanoTime() < deadline) {
            java.util.concurrent.locks.LockSupport.parkNanos(10_000_000L);
        }
        assertEquals(1, streams.backlog(streams.deadLetterStream("orders")));
        assertEquals(0, streams.backlog("orders"));
    }

    @Test
    void rejectsPayloadsThatAreNeitherTextNorBytes() {
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> TributaryConnector.toTributary(Message.of(42)));
        assertTrue(e.getMessage().contains("java.lang.Integer"), e.getMessage());
    }
}
