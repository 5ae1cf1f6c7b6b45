package it.io.tributary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.tributary.cdi.Events;
import io.tributary.eventstream.Cursor;
import io.tributary.eventstream.Event;
import io.tributary.eventstream.EventStream;
import io.tributary.eventstream.NewEvent;
import io.tributary.eventstream.jms.DeferredEventStream;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Inside Liberty: {@code @Inject @Events(...) EventStream} gives the application's one stream per identity, on
 * the embedded Artemis broker, and what is appended through one injection point is replayed, in order with
 * consecutive offsets, through a cursor of another. The server's journal outlives a run, so the events are
 * told apart by a per-run id.
 */
@ExtendWith(ArquillianExtension.class)
class EventStreamsInContainerIT {

    @Deployment
    static WebArchive deployment() {
        return Deployments.application(EventStreamsInContainerIT.class);
    }

    @Inject
    @Events(owner = "it", name = "ledger", types = {"credited", "debited"})
    EventStream ledger;

    @Inject
    @Events(owner = "it", name = "ledger", types = {"debited", "credited"})
    EventStream sameLedger;

    @Test
    void appendedEventsAreReplayedInOrderThroughAnotherInjectionPoint() {
        assertSame(ledger, sameLedger);
        assertInstanceOf(DeferredEventStream.class, ledger);
        String run = UUID.randomUUID().toString();
        List<String> appended = List.of(run + " +10", run + " -3", run + " +7");
        ledger.append(NewEvent.ofText("credited", appended.get(0)), NewEvent.ofText("debited", appended.get(1)),
                NewEvent.ofText("credited", appended.get(2)));

        List<Event> replayed = new ArrayList<>();
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        long from = sameLedger.retained().first();
        try (Cursor cursor = sameLedger.open(from, Set.of("credited", "debited"))) {
            while (replayed.size() < appended.size()) {
                Optional<Event> next = cursor.next(deadline);
                if (next.isEmpty()) {
                    break;
                }
                if (next.get().text().startsWith(run)) {
                    replayed.add(next.get());
                }
            }
        }
        assertEquals(appended, replayed.stream().map(Event::text).toList());
        assertEquals(List.of("credited", "debited", "credited"), replayed.stream().map(Event::type).toList());
        long first = replayed.get(0).offset();
        assertEquals(List.of(first, first + 1, first + 2), replayed.stream().map(Event::offset).toList());
    }
}
