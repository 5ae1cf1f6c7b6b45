package it.io.tributary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.tributary.cdi.TributaryRuntime;
import io.tributary.connection.ContainerConnectionFactory;
import io.tributary.eventstream.Cursor;
import io.tributary.eventstream.Event;
import io.tributary.eventstream.EventStream;
import io.tributary.eventstream.NewEvent;
import io.tributary.eventstream.RetainedRange;
import io.tributary.eventstream.Retention;
import io.tributary.eventstream.StreamIdentity;
import io.tributary.eventstream.Truncated;
import io.tributary.eventstream.jms.DeferredEventStream;
import io.tributary.eventstream.jms.JmsEventStream;
import io.tributary.testing.Deadlines;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.LongStream;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Event streams in container-managed mode on Liberty: with only {@code tributary.connection-factory=jms/tributary}
 * configured, the application's event stream declares its queues and address settings and reads its retained
 * range through Artemis management over the resource adapter's pooled connections. Appends are read back by a
 * cursor with dense offsets, the retention bound is honoured ({@code Truncated} below it), and a second
 * instance of the stream on the same factory shares one total order with the first.
 */
@ExtendWith({RaBroker.class, ArquillianExtension.class})
class ContainerEventStreamIT {

    private static final String RUN = Long.toString(System.currentTimeMillis(), 36);
    private static final Duration DEADLINE = Duration.ofSeconds(60);
    private static final Set<String> TYPES = Set.of("credited", "debited");

    @Deployment
    static WebArchive deployment() {
        return ContainerManagedIT.containerManaged(ContainerEventStreamIT.class);
    }

    @Inject
    TributaryRuntime runtime;

    @Test
    void appendsAreReadBackWithDenseOffsetsWithinTheRetentionBound() throws InterruptedException {
        assertInstanceOf(ContainerConnectionFactory.class, runtime.connectionFactory(), "not the server's factory");
        EventStream ledger = runtime.eventStream(new StreamIdentity("it-cm", "ledger-" + RUN), TYPES,
                Retention.ofCount(5));
        assertInstanceOf(DeferredEventStream.class, ledger);
        for (int i = 0; i < 8; i++) {
            ledger.append(NewEvent.ofText(i % 2 == 0 ? "credited" : "debited", "e" + i));
        }
        Deadlines.await(() -> ledger.head() == 8, DEADLINE, "head never reached 8: " + ledger.retained());
        assertEquals(new RetainedRange(3, 8), ledger.retained(), "retention keeps the last 5 of 8 events");
        Truncated truncated = assertThrows(Truncated.class, () -> ledger.open(0, TYPES));
        assertEquals(3, truncated.firstRetained(), truncated.getMessage());

        List<Event> read = read(ledger, 3, 5);
        assertEquals(List.of("e3", "e4", "e5", "e6", "e7"), read.stream().map(Event::text).toList());
        assertEquals(List.of(3L, 4L, 5L, 6L, 7L), read.stream().map(Event::offset).toList());
        assertEquals(List.of("debited", "credited", "debited", "credited", "debited"),
                read.stream().map(Event::type).toList());
    }

    @Test
    void aSecondInstanceOnTheServersFactorySharesTheStream() throws InterruptedException {
        StreamIdentity identity = new StreamIdentity("it-cm", "shared-" + RUN);
        EventStream first = runtime.eventStream(identity, TYPES, Retention.ofCount(1_000));
        try (JmsEventStream second = new JmsEventStream(runtime.connectionFactory(), identity, TYPES,
                Retention.ofCount(1_000))) {
            for (int i = 0; i < 10; i++) {
                (i % 2 == 0 ? first : second).append(NewEvent.ofText("credited", (i % 2 == 0 ? "first " : "second ") + i));
            }
            Deadlines.await(() -> first.head() == 10 && second.head() == 10, DEADLINE,
                    "both instances never saw head 10: " + first.head() + ", " + second.head());
            List<Event> fromFirst = read(first, 0, 10);
            List<Event> fromSecond = read(second, 0, 10);
            assertEquals(LongStream.range(0, 10).boxed().toList(), fromFirst.stream().map(Event::offset).toList());
            assertEquals(fromFirst.stream().map(Event::text).toList(), fromSecond.stream().map(Event::text).toList(),
                    "both instances read one total order");
            assertEquals(10, fromFirst.stream().map(Event::text).distinct().count(), "every append once");
        }
    }

    private static List<Event> read(EventStream stream, long from, int count) {
        List<Event> read = new ArrayList<>();
        Instant deadline = Instant.now().plus(DEADLINE);
        try (Cursor cursor = stream.open(from, TYPES)) {
            while (read.size() < count) {
                Optional<Event> next = cursor.next(deadline);
                if (next.isEmpty()) {
                    break;
                }
                read.add(next.get());
            }
        }
        return read;
    }
}
