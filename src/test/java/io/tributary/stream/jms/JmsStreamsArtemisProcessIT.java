package io.tributary.stream.jms;

import io.tributary.artemis.ArtemisConnections;
import io.tributary.stream.Consumer;
import io.tributary.stream.ConsumerOptions;
import io.tributary.stream.Message;
import io.tributary.stream.Producer;
import io.tributary.stream.ProducerOptions;
import io.tributary.stream.Streams;
import io.tributary.stream.StreamsConformance;
import io.tributary.testing.ArtemisProcess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Artemis JMS streams against the conformance suite on the real Artemis distribution, started as
 * a separate process; plus a broker killed ({@code kill -9}) mid-stream.
 */
class JmsStreamsArtemisProcessIT extends StreamsConformance {

    private static ArtemisProcess broker;

    @BeforeAll
    static void startBroker() {
        broker = ArtemisProcess.create("jms-streams-it").start();
    }

    @AfterAll
    static void stopBroker() {
        if (broker != null) {
            broker.close();
        }
    }

    @Override
    protected Streams createStreams() {
        return new JmsStreams(ArtemisConnections.connectionFactory(broker.url(), broker.user(), broker.password()),
                ProducerOptions.DEFAULTS, ConsumerOptions.DEFAULTS, ".DLQ");
    }

    @Test
    void aBrokerKilledMidStreamLosesNothingAndRoutesNoResendTwice() throws Exception {
        List<Message> sent = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            sent.add(Message.ofText("k" + i));
        }
        try (Producer p = streams.producer(stream)) {
            for (Message m : sent) {
                p.send(m);
            }
            p.flush(DEADLINE);
        }
        Consumer c = streams.consumer(stream, options().withBatchSize(10));
        List<String> done = new ArrayList<>();
        for (Message m : receiveAcking(c, 40)) {
            done.add(m.text());
        }
        List<Message> open = receiveSome(c, 10);
        assertTrue(!open.isEmpty());

        broker.kill();
        streams.close();
        broker.start();

        streams = createStreams();
        try (Producer p = streams.producer(stream)) {
            for (Message m : sent) {
                p.send(m);
            }
            p.flush(DEADLINE);
        }
        try (Consumer again = consumer()) {
            List<String> rest = new ArrayList<>();
            for (Message m : receiveAcking(again, 60)) {
                rest.add(m.text());
            }
            List<String> all = new ArrayList<>(done);
            all.addAll(rest);
            assertEquals(sent.stream().map(Message::text).toList(), all, "lost, doubled or reordered");
            assertTrue(again.receive(10, Duration.ofMillis(300)).isEmpty(), "a resent message was routed twice");
        }
    }
}
