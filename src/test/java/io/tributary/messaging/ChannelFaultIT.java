package io.tributary.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tributary.artemis.ArtemisConnections;
import io.tributary.eventstream.ExponentialBackoff;
import io.tributary.stream.ConsumerOptions;
import io.tributary.stream.Producer;
import io.tributary.stream.ProducerOptions;
import io.tributary.stream.jms.ConnectionState;
import io.tributary.stream.jms.ConnectionSupervisor;
import io.tributary.stream.jms.JmsStreams;
import io.tributary.testing.Deadlines;
import io.tributary.testing.FaultyBroker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.junit.jupiter.api.Test;

/**
 * A connector channel ({@link InboundBatches}, as {@link TributaryConnector} drives it) through a proxy cut,
 * a stall and a {@code kill -9} of the broker, each ending the connection for good: the channel keeps
 * handing out messages after each, every message sent is handed out, and the stream drains. Progress
 * counts what was handed out, not acks that succeeded: a commit caught by the outage may have succeeded
 * on the broker although the client reports it failed (its messages are then not delivered again).
 */
class ChannelFaultIT {

    private static final Duration DEADLINE = Duration.ofSeconds(90);
    private static final String STREAM = "fault.channel";

    @Test
    void aChannelRecoversFromCutStallAndKillWithNothingLost() throws Exception {
        Set<String> handedOut = ConcurrentHashMap.newKeySet();
        List<String> sent = new ArrayList<>();
        try (FaultyBroker faulty = FaultyBroker.start("fault-channel", 62242, 62243, b -> b)) {
            ConnectionSupervisor supervisor = new ConnectionSupervisor(ArtemisConnections.connectionFactory(
                    faulty.proxiedUrl(FaultyBroker.GIVE_UP), faulty.broker().user(), faulty.broker().password()),
                    new ExponentialBackoff(Duration.ofMillis(50), Duration.ofSeconds(1)));
            try (JmsStreams streams = new JmsStreams(supervisor.connect(), ProducerOptions.DEFAULTS
                    .withConfirmTimeout(Duration.ofSeconds(5)), ConsumerOptions.DEFAULTS, ".DLQ");
                    Producer producer = streams.producer(STREAM)) {
                InboundBatches channel = new InboundBatches("fault-in", streams.consumer(STREAM), 10, 4);
                Thread receiver = new Thread(() -> receive(channel, handedOut), "fault-channel-receiver");
                receiver.start();
                try {
                    int phase = 0;
                    for (Map.Entry<String, Runnable> outage : faulty.outages().entrySet()) {
                        phase++;
                        send(producer, sent, "before-" + phase + "-");
                        outage.getValue().run();
                        Deadlines.await(() -> streams.connectionState() == ConnectionState.FAILED, DEADLINE,
                                outage.getKey() + " ends the connection for good");
                        faulty.restore();
                        send(producer, sent, "after-" + phase + "-");
                    }
                    Deadlines.await(() -> handedOut.containsAll(sent), DEADLINE, () -> "every message sent handed out;"
                            + " missing " + missing(sent, handedOut) + ", backlog " + streams.backlog(STREAM));
                    assertTrue(receiver.isAlive(), "the channel's receiver never ended");
                } finally {
                    channel.stop();
                    receiver.join(DEADLINE.toMillis());
                    channel.close();
                }
                Deadlines.await(() -> streams.backlog(STREAM) == 0, DEADLINE, "the stream drained");
            }
        }
        assertEquals(Set.copyOf(sent), Set.copyOf(handedOut));
    }

    private static List<String> missing(List<String> sent, Set<String> got) {
        return sent.stream().filter(id -> !got.contains(id)).toList();
    }

    /** Pulls and acks until the channel stops, as the connector's stream does. */
    private static void receive(InboundBatches channel, Set<String> handedOut) {
        while (true) {
            Message<Object> m;
            try {
                m = channel.next();
            } catch (IllegalStateException stopped) {
                return;
            }
            handedOut.add(m.unwrap(IncomingMetadata.class).id());
            m.ack();
        }
    }

    private static void send(Producer producer, List<String> sent, String prefix) throws InterruptedException {
        for (int i = 0; i < 20; i++) {
            io.tributary.stream.Message m = io.tributary.stream.Message.builder().id(prefix + i).text(prefix + i).build();
            FaultyBroker.sendConfirmed(producer, m, DEADLINE);
            sent.add(m.id());
        }
    }
}
