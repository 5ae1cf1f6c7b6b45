package it.io.tributary;

import io.tributary.cdi.TributaryRuntime;
import io.tributary.eventstream.EventStream;
import io.tributary.eventstream.NewEvent;
import io.tributary.eventstream.Retention;
import io.tributary.eventstream.StreamIdentity;
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
import java.util.Set;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The application side of {@link ConsoleBrowserIT}: when the application starts, the stream named by the
 * configuration key {@value #STREAM_KEY} (unique per run: the server's journal outlives a run) gets
 * {@value #WAITING} waiting messages and {@value #DEAD} dead letters (nacked on their only attempt), for
 * the console to show and redrive; and the event stream {@value #EVENTS_OWNER}/(that name) gets {@value #EVENTS}
 * events, for the console to show and replay.
 */
@ApplicationScoped
public class ConsoleDeadLetters {

    /** The configuration key naming the stream the console test looks at. */
    public static final String STREAM_KEY = "console-it.stream";
    /** Messages left waiting on the stream. */
    public static final int WAITING = 3;
    /** Dead letters of the stream. */
    public static final int DEAD = 2;
    /** The owner of the event stream the console test looks at. */
    public static final String EVENTS_OWNER = "console-it";
    /** Events appended to that event stream. */
    public static final int EVENTS = 4;
    private static final Duration WAIT = Duration.ofSeconds(10);

    @Inject
    Streams streams;

    @Inject
    TributaryRuntime runtime;

    @Inject
    @ConfigProperty(name = STREAM_KEY)
    String stream;

    void seed(@Observes @Initialized(ApplicationScoped.class) Object started) throws Exception {
        EventStream ledger = runtime.eventStream(new StreamIdentity(EVENTS_OWNER, stream), Set.of("placed"),
                Retention.ofCount(100));
        for (int i = 0; i < EVENTS; i++) {
            ledger.append(NewEvent.ofText("placed", "order " + i + " placed"));
        }
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
