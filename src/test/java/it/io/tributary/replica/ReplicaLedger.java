package it.io.tributary.replica;

import io.tributary.cdi.Events;
import io.tributary.eventstream.Cursor;
import io.tributary.eventstream.Event;
import io.tributary.eventstream.EventStream;
import io.tributary.eventstream.NewEvent;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Every replica's share of one event stream ({@value #OWNER}/{@value #NAME}). The stream is opened when the
 * application starts, so each replica runs a sequencer from then on (the first replica started owns the
 * exclusive intake queue). A command on the {@code control} channel (a topic subscription of each replica,
 * payload: a count) makes the replica append that many events {@code <replica>:<i>}, in order, in batches
 * of {@value #BATCH}, on a thread of its own; it records each confirmed batch ({@code appended}, the count
 * so far), then reads the stream from offset 0 until it sees its last event and records {@code sequenced}:
 * its events were given offsets by a sequencer of the replicas, none of the test's. A bad command is
 * nacked with its text.
 */
@ApplicationScoped
public class ReplicaLedger {

    /** The owner of the event stream. */
    public static final String OWNER = "replicas";
    /** The name of the event stream. */
    public static final String NAME = "ledger";
    /** The one event type of the stream. */
    public static final String TYPE = "appended";
    /** Events per append. */
    public static final int BATCH = 10;

    private static final Logger LOG = Logger.getLogger(ReplicaLedger.class.getName());
    private static final Duration READ_BACK = Duration.ofMinutes(3);
    private static final long RECORD_SECONDS = 60;

    private final ExecutorService appender = Executors.newSingleThreadExecutor();

    @Inject
    @Events(owner = OWNER, name = NAME, types = {TYPE})
    EventStream ledger;

    @Inject
    Recorder recorder;

    void open(@Observes @Initialized(ApplicationScoped.class) Object started) {
        LOG.info("replica " + recorder.replica() + " opened event stream " + ledger.identity());
    }

    @Incoming("control")
    public CompletionStage<Void> command(Message<String> message) {
        int count;
        try {
            count = Integer.parseInt(message.getPayload());
        } catch (NumberFormatException e) {
            return message.nack(new IllegalArgumentException("not a count of events to append: '"
                    + message.getPayload() + "'", e));
        }
        appender.execute(() -> appendAndReadBack(count));
        return message.ack();
    }

    @PreDestroy
    void stop() {
        appender.shutdownNow();
    }

    private void appendAndReadBack(int count) {
        String me = recorder.replica();
        try {
            for (int i = 0; i < count; i += BATCH) {
                List<NewEvent> batch = new ArrayList<>();
                for (int j = i; j < Math.min(count, i + BATCH); j++) {
                    batch.add(NewEvent.ofText(TYPE, me + ":" + j));
                }
                ledger.append(batch);
                recorder.record(new Record("appended", me, "", "", i + batch.size())).toCompletableFuture()
                        .get(RECORD_SECONDS, TimeUnit.SECONDS);
            }
            if (readBack(me + ":" + (count - 1))) {
                recorder.record(new Record("sequenced", me, "", "", count)).toCompletableFuture()
                        .get(RECORD_SECONDS, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            LOG.log(Level.WARNING, "replica " + me + " stopped appending", e);
        }
    }

    private boolean readBack(String last) {
        Instant deadline = Instant.now().plus(READ_BACK);
        try (Cursor cursor = ledger.open(0, Set.of(TYPE))) {
            while (true) {
                Optional<Event> next = cursor.next(deadline);
                if (next.isEmpty()) {
                    LOG.warning("event " + last + " not sequenced within " + READ_BACK);
                    return false;
                }
                if (next.get().text().equals(last)) {
                    return true;
                }
            }
        }
    }
}
