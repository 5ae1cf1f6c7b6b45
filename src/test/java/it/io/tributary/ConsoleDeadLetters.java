package it.io.tributary;

import io.tributary.stream.Consumer;
import io.tributary.stream.ConsumerOptions;
import io.tributary.stream.Message;
import io.tributary.stream.Producer;
import io.tributary.stream.RedeliveryPolicy;
import io.tributary.stream.Streams;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The application side of {@link ConsoleBrowserIT}: when the application starts, the stream named by the
 * configuration key {@value #STREAM_KEY} (unique per run: the server's journal outlives a run) gets
 * {@value #WAITING} waiting messages and {@value #DEAD} dead letters (nacked on their only attempt), for
 * the console to show and redrive.
 */
@ApplicationScoped
public class ConsoleDeadLetters {

    /** The configuration key naming the stream the console test looks at. */
    public static final String STREAM_KEY = "console-it.stream";
    /** Messages left waiting on the stream. */
    public static final int WAITING = 3;
    /** Dead letters of the stream. */
    public static final int DEAD = 2;
    private static final Duration WAIT = Duration.ofSeconds(10);

    @Inject
    Streams streams;

    @Inject
    @ConfigProperty(name = STREAM_KEY)
    String stream;

    void seed(@Observes @Initialized(ApplicationScoped.class) Object started) throws Exception {
        try (Producer producer = streams.producer(stream)) {
            for (int i = 0; i < DEAD; i++) {
                producer.send(Message.builder().text("broken order " + i).key("customer-" + i).build());
            }
            producer.flush(WAIT);
            try (Consumer consumer = streams.consumer(stream, streams.defaultConsumerOptions().withRedelivery(
                    new RedeliveryPolicy(1, Duration.ZERO, 1.0, Duration.ZERO)))) {
                int nacked = 0;
                while (nacked < DEAD) {
                    List<Message> batch = consumer.receive(DEAD - nacked, WAIT);
                    if (batch.isEmpty()) {
                        throw new IllegalStateException("the orders to dead-letter did not arrive within " + WAIT);
                    }
                    for (Message m : batch) {
                        consumer.nack(m, "price missing in " + m.text());
                        nacked++;
                    }
                }
            }
            for (int i = 0; i < WAITING; i++) {
                producer.send(Message.ofText("order " + i));
            }
            producer.flush(WAIT);
        }
    }
}
