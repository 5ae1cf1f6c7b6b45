package io.tributary.reliability;

import io.tributary.artemis.ArtemisConnections;
import io.tributary.stream.Consumer;
import io.tributary.stream.ConsumerOptions;
import io.tributary.stream.Message;
import io.tributary.stream.ProducerOptions;
import io.tributary.stream.jms.JmsStreams;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The child JVM of {@link ConsumerKillIT}: acks and commits one batch of {@code commit} messages, prints
 * {@code COMMITTED id,id,...}, then receives a batch of up to {@code hold} messages without settling
 * them, prints {@code HOLDING id,id,...} and waits to be killed. Arguments: url stream commit hold;
 * the user and password come from the environment ({@code BROKER_USER}, {@code BROKER_PASSWORD}).
 */
public final class HoldingConsumer {

    private HoldingConsumer() {
    }

    public static void main(String[] args) throws Exception {
        String url = args[0];
        String stream = args[1];
        int commit = Integer.parseInt(args[2]);
        int hold = Integer.parseInt(args[3]);
        JmsStreams streams = new JmsStreams(ArtemisConnections.connectionFactory(url, System.getenv("BROKER_USER"),
                System.getenv("BROKER_PASSWORD")), ProducerOptions.DEFAULTS, ConsumerOptions.DEFAULTS, Connect.DLQ_SUFFIX);
        Consumer consumer = streams.consumer(stream);
        List<Message> first = consumer.receive(commit, Duration.ofSeconds(30));
        first.forEach(consumer::ack);
        System.out.println("COMMITTED " + ids(first));
        List<Message> held = consumer.receive(hold, Duration.ofSeconds(30));
        System.out.println("HOLDING " + ids(held));
        System.out.flush();
        Thread.currentThread().join(); // holds the messages until the test kills this JVM
    }

    private static String ids(List<Message> messages) {
        return messages.stream().map(Message::id).collect(Collectors.joining(","));
    }
}
