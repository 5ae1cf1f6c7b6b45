package io.tributary.eventstream.jms;

import io.tributary.testing.TestPorts;
import io.tributary.artemis.ArtemisConnections;
import io.tributary.eventstream.Event;
import io.tributary.eventstream.EventStream;
import io.tributary.eventstream.Retention;
import io.tributary.eventstream.StreamIdentity;
import io.tributary.testing.ArtemisProcess;
import jakarta.jms.ConnectionFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static io.tributary.eventstream.EventStreamConformance.TYPES;
import static io.tributary.eventstream.EventStreamConformance.appendNumbered;
import static io.tributary.eventstream.EventStreamConformance.read;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * {@link JmsEventStream} on the real Artemis distribution, run as a separate process and killed with
 * SIGKILL: every append that returned before the kill is there after the restart, at the same offset,
 * and offsets go on where they stopped. The broker listens on port 61746 (shifted by
 * {@link io.tributary.testing.TestPorts}) and is stopped by this test.
 */
class JmsEventStreamKillIT {

    private static final StreamIdentity LEDGER = new StreamIdentity("it", "ledger");
    private static final Retention RETENTION = Retention.ofCount(100_000);

    private final ArtemisProcess broker = ArtemisProcess.create("events-kill-it",
            TestPorts.shifted(61746));
    private final List<EventStream> streams = new ArrayList<>();

    @AfterEach
    void stop() {
        streams.forEach(EventStream::close);
        broker.close();
    }

    @Test
    void appendedEventsSurviveABrokerKilledWithSigkill() {
        broker.start();
        EventStream before = connect();
        for (int i = 0; i < 300; i += 30) {
            appendNumbered(before, i, i + 30);
        }
        List<Event> sequenced = read(before, 0, 300, TYPES);
        for (int i = 300; i < 400; i += 10) {
            appendNumbered(before, i, i + 10);
        }
        broker.kill();
        broker.start();
        EventStream after = connect();
        assertEquals(sequenced.subList(100, 300), read(after, 100, 200, TYPES), "the same events at the same offsets");
        List<Event> rest = read(after, 300, 100, TYPES);
        for (int i = 0; i < 100; i++) {
            assertEquals(300 + i, rest.get(i).offset());
            assertEquals("e" + (300 + i), rest.get(i).text(), "appends that returned before the kill are kept, in order");
        }
        appendNumbered(after, 400, 401);
        assertEquals("e400", read(after, 400, 1, TYPES).get(0).text(), "offsets go on from 400");
    }

    private EventStream connect() {
        ConnectionFactory factory = ArtemisConnections.connectionFactory(broker.url(), broker.user(), broker.password());
        EventStream stream = new JmsEventStream(factory, LEDGER, TYPES, RETENTION);
        streams.add(stream);
        return stream;
    }
}
