package io.tributary.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tributary.stream.Consumer;
import io.tributary.stream.ConsumerOptions;
import io.tributary.stream.Message;
import io.tributary.stream.Producer;
import io.tributary.stream.ProducerOptions;
import io.tributary.stream.RedeliveryPolicy;
import io.tributary.stream.jms.BrokerManagement;
import io.tributary.stream.jms.JmsStreams;
import io.tributary.testing.EmbeddedBroker;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The console's queue rows read from a real (embedded) Artemis broker's management. */
class QueueOverviewTest {

    @RegisterExtension
    static final EmbeddedBroker BROKER = new EmbeddedBroker();

    @Test
    void aStreamRowFoldsItsDeadLettersAndShowsBacklogPauseAndAge() throws Exception {
        String stream = "overview-" + UUID.randomUUID();
        try (JmsStreams streams = new JmsStreams(BROKER.factory(), ProducerOptions.DEFAULTS, ConsumerOptions.DEFAULTS,
                ".DLQ")) {
            try (Producer producer = streams.producer(stream)) {
                for (int i = 0; i < 4; i++) {
                    producer.send(Message.ofText("m" + i));
                }
                producer.flush(Duration.ofSeconds(5));
            }
            try (Consumer consumer = streams.consumer(stream, ConsumerOptions.DEFAULTS.withRedelivery(
                    new RedeliveryPolicy(1, Duration.ZERO, 1.0, Duration.ZERO)))) {
                Message poison = consumer.receive(1, Duration.ofSeconds(5)).get(0);
                consumer.nack(poison, "poison");
            }
            try (BrokerManagement management = new BrokerManagement(BROKER.factory())) {
                JsonObject row = row(management, stream);
                assertEquals("stream", row.getString("kind"));
                assertEquals(3, row.getJsonNumber("backlog").longValue());
                assertEquals(1, row.getJsonNumber("deadLetters").longValue());
                assertEquals(4, row.getJsonNumber("added").longValue());
                assertEquals(1, row.getJsonNumber("deadLettered").longValue());
                assertEquals(0, row.getJsonNumber("retried").longValue());
                assertTrue(row.getJsonNumber("oldestAgeMs").longValue() >= 0);
                assertFalse(row.getBoolean("paused"));
                assertTrue(rows(management).stream().noneMatch(r -> r.getString("stream").equals(stream + ".DLQ")),
                        "the dead-letter queue is folded into its stream's row");
                assertTrue(rows(management).stream().noneMatch(r -> r.getString("stream").startsWith("activemq.")),
                        "the broker's own queues are left out");
                try (Producer events = streams.producer("tributary.events.it.ledger.retained")) {
                    events.send(Message.ofText("an event")).toCompletableFuture().get(5, TimeUnit.SECONDS);
                }
                assertEquals("event stream", row(management, "tributary.events.it.ledger.retained").getString("kind"));
                management.pause(stream);
                assertTrue(row(management, stream).getBoolean("paused"));
                management.resume(stream);
                assertFalse(row(management, stream).getBoolean("paused"));
            }
        }
    }

    private static List<JsonObject> rows(BrokerManagement management) {
        return QueueOverview.read(management, ".DLQ").build().stream().map(JsonValue::asJsonObject).toList();
    }

    private static JsonObject row(BrokerManagement management, String stream) {
        return rows(management).stream().filter(r -> r.getString("stream").equals(stream)).findFirst().orElseThrow(
                () -> new AssertionError("no row for " + stream + " in " + rows(management)));
    }
}
