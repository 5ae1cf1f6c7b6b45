package io.tributary.eventstream.jms;

import io.tributary.artemis.ArtemisConnections;
import io.tributary.artemis.EmbeddedArtemis;
import io.tributary.eventstream.Cursor;
import io.tributary.eventstream.EventStream;
import io.tributary.eventstream.EventStreamRegistry;
import io.tributary.eventstream.ExponentialBackoff;
import io.tributary.eventstream.NewEvent;
import io.tributary.eventstream.RetainedRange;
import io.tributary.eventstream.Retention;
import io.tributary.eventstream.StreamIdentity;
import io.tributary.stream.StreamClosedException;
import io.tributary.stream.StreamException;
import io.tributary.testing.Deadlines;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An event stream asked for while its broker is down (as {@code TributaryRuntime} asks for an injected
 * {@code @Events} stream at deployment): it is handed out, refuses appends until the broker comes, then
 * connects by itself and works.
 */
class DeferredEventStreamTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final StreamIdentity ID = new StreamIdentity("shop", "orders");

    @TempDir
    Path data;

    @Test
    void aStreamAskedForWhileTheBrokerIsDownConnectsWhenItComes() throws Exception {
        try (EmbeddedArtemis broker = new EmbeddedArtemis(data);
                EventStreamRegistry registry = new EventStreamRegistry(DeferredEventStream.opener(
                        ArtemisConnections.connectionFactory(broker.connectionUrl()),
                        new ExponentialBackoff(Duration.ofMillis(10), Duration.ofMillis(200))))) {
            EventStream stream = registry.get(ID, Set.of("placed"), Retention.ofCount(1000));
            DeferredEventStream deferred = (DeferredEventStream) stream;
            assertFalse(deferred.connected());
            StreamException refused = assertThrows(StreamException.class,
                    () -> stream.append(NewEvent.ofText("placed", "early")));
            assertTrue(refused.getMessage().contains("not connected to the broker yet"), refused.getMessage());
            assertThrows(StreamException.class, stream::head, "no head is known before the broker is reached");

            broker.start();
            Deadlines.await(deferred::connected, WAIT, "the event stream connecting after the broker started");
            stream.append(NewEvent.ofText("placed", "order 1"));
            try (Cursor cursor = stream.open(0, Set.of("placed"))) {
                assertEquals("order 1", new String(cursor.next(WAIT).orElseThrow().payload(), StandardCharsets.UTF_8));
            }
            assertEquals(new RetainedRange(0, 1), stream.retained());
        }
    }

    @Test
    void closingWhileStillWaitingReturnsAndRefusesUse() {
        try (EmbeddedArtemis broker = new EmbeddedArtemis(data)) {
            DeferredEventStream stream = new DeferredEventStream(
                    ArtemisConnections.connectionFactory(broker.connectionUrl()), ID, Set.of("placed"),
                    Retention.ofCount(1000), new ExponentialBackoff(Duration.ofMillis(10), Duration.ofMillis(200)));
            stream.close();
            assertThrows(StreamClosedException.class,
                    () -> stream.append(NewEvent.ofText("placed", "late")));
        }
    }
}
