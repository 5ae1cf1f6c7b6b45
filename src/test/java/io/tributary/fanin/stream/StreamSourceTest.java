package io.tributary.fanin.stream;

import io.tributary.artemis.ArtemisConnections;
import io.tributary.artemis.EmbeddedArtemis;
import io.tributary.fanin.ConsumeOptions;
import io.tributary.fanin.Subscription;
import io.tributary.fanin.memory.MemoryAggregator;
import io.tributary.stream.ConsumerOptions;
import io.tributary.stream.Message;
import io.tributary.stream.Producer;
import io.tributary.stream.ProducerOptions;
import io.tributary.stream.Streams;
import io.tributary.stream.jms.JmsStreams;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link StreamSource} over JMS streams of an embedded Artemis: stream messages merged into subscriptions. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class StreamSourceTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final ConsumerOptions FAST = ConsumerOptions.DEFAULTS.withReceiveWait(Duration.ofMillis(100));

    @TempDir
    Path data;

    private EmbeddedArtemis server;
    private Streams streams;
    private final MemoryAggregator<String, Message> aggregator = new MemoryAggregator<>("streams");
    private final List<Subscription<Message>> subscriptions = new ArrayList<>();

    @BeforeEach
    void start() {
        server = new EmbeddedArtemis(data);
        server.start();
        streams = new JmsStreams(ArtemisConnections.connectionFactory(server.connectionUrl()),
                ProducerOptions.DEFAULTS, FAST, ".DLQ");
    }

    @AfterEach
    void stop() throws InterruptedException {
        aggregator.close();
        for (Subscription<Message> s : subscriptions) {
            while (!s.isDone()) {
                s.poll(Duration.ofMillis(50));
            }
        }
        streams.close();
        server.stop();
    }

    private void send(String stream, String... texts) throws Exception {
        try (Producer p = streams.producer(stream)) {
            for (String t : texts) {
                p.send(Message.ofText(t)).toCompletableFuture().get(10, TimeUnit.SECONDS);
            }
        }
    }

    private Subscription<Message> subscribe(int bufferLength) {
        Subscription<Message> s = aggregator.consume("all", new ConsumeOptions(bufferLength));
        subscriptions.add(s);
        return s;
    }

    private static List<String> take(Subscription<Message> s, int n) throws InterruptedException {
        List<String> out = new ArrayList<>();
        long end = System.nanoTime() + WAIT.toNanos();
        while (out.size() < n && System.nanoTime() < end) {
            s.poll(Duration.ofMillis(50)).ifPresent(m -> out.add(m.text()));
        }
        return out;
    }

    @Test
    void messagesOfSeveralStreamsMergeIntoOneSubscription() throws Exception {
        send("a", "a1", "a2");
        send("b", "b1");
        aggregator.addSource("a", new StreamSource<>(streams, "a", FAST));
        aggregator.addSource("b", new StreamSource<>(streams, "b", FAST));
        Subscription<Message> s = subscribe(100);
        List<String> got = take(s, 3);
        assertEquals(List.of("a1", "a2", "b1"), got.stream().sorted().toList());
        assertEquals(List.of("a1", "a2"), got.stream().filter(t -> t.startsWith("a")).toList(), "order per stream");
    }

    @Test
    void messagesNotTakenWhenCancelledAreDeliveredAgain() throws Exception {
        send("c", "1", "2", "3");
        aggregator.addSource("c", new StreamSource<>(streams, "c", FAST));
        Subscription<Message> first = subscribe(1);
        List<String> seen = new ArrayList<>(take(first, 1));
        first.close();
        while (!first.isDone()) {
            first.poll(Duration.ofMillis(50)).ifPresent(m -> seen.add(m.text()));
        }
        Subscription<Message> second = subscribe(100);
        seen.addAll(take(second, 3 - seen.size()));
        assertEquals(List.of("1", "2", "3"), seen.stream().sorted().toList(), "every message once");
        assertTrue(first.isDone());
    }
}
