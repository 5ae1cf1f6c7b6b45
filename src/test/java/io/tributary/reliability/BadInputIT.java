package io.tributary.reliability;

import io.tributary.testing.TestPorts;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tributary.artemis.ArtemisConnections;
import io.tributary.stream.Consumer;
import io.tributary.stream.ConsumerOptions;
import io.tributary.stream.Message;
import io.tributary.stream.ProducerOptions;
import io.tributary.stream.StreamException;
import io.tributary.stream.jms.JmsStreams;
import io.tributary.testing.ArtemisProcess;
import jakarta.jms.BytesMessage;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSProducer;
import jakarta.jms.Queue;
import jakarta.jms.TextMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * Scenario 4: bad input is rejected with a clear error or dead-lettered with a reason; nothing crashes
 * or hangs. Raw JMS messages are sent to the broker directly, past Tributary's producer.
 */
class BadInputIT {

    private static final int PORT = TestPorts.shifted(61770);
    private static final int BODIES_PORT = TestPorts.shifted(62203);
    private static final Duration DEADLINE = Duration.ofSeconds(30);

    @Test
    void rawJmsGarbageIsDeadLetteredOrDeliveredNeverDeserialized() throws Exception {
        String stream = "reliability.bad-input";
        Trap.sprung = false;
        try (ArtemisProcess broker = ArtemisProcess.create("reliability-bad-input", PORT).start();
             ActiveMQConnectionFactory factory = ArtemisConnections.connectionFactory(broker.url(), broker.user(),
                     broker.password());
             JmsStreams streams = Connect.streams(broker, ConsumerOptions.DEFAULTS)) {
            try (JMSContext context = factory.createContext(broker.user(), broker.password())) {
                Queue queue = context.createQueue(stream);
                JMSProducer raw = context.createProducer();
                raw.send(queue, context.createObjectMessage(new Trap()));
                raw.send(queue, context.createTextMessage(""));
                raw.send(queue, context.createBytesMessage());
                raw.send(queue, context.createTextMessage(null));
                raw.send(queue, context.createMapMessage());
                raw.send(queue, context.createTextMessage("after the garbage"));
            }
            List<Message> delivered = new ArrayList<>();
            try (Consumer consumer = streams.consumer(stream)) {
                long end = System.nanoTime() + DEADLINE.toNanos();
                while (delivered.size() < 4 && System.nanoTime() < end) {
                    for (Message m : consumer.receive(10, Duration.ofMillis(200))) {
                        delivered.add(m);
                        consumer.ack(m);
                    }
                }
            }
            Map<String, String> reasons = new HashMap<>();
            try (Consumer dlq = streams.consumer(streams.deadLetterStream(stream))) {
                long end = System.nanoTime() + DEADLINE.toNanos();
                while (reasons.size() < 2 && System.nanoTime() < end) {
                    for (Message m : dlq.receive(10, Duration.ofMillis(200))) {
                        reasons.put(m.id(), m.tag(Consumer.REASON_TAG));
                        dlq.ack(m);
                    }
                }
            }
            ReliabilitySummary.record("bad-input-raw-jms", 6, delivered.size() + reasons.size(),
                    6 - delivered.size() - reasons.size(), 0, "ObjectMessage + MapMessage dead-lettered with reasons "
                            + reasons.values() + "; empty/null text and empty bytes delivered " + delivered.size()
                            + "; Trap.readObject ran: " + Trap.sprung);
            assertFalse(Trap.sprung, "an ObjectMessage body was deserialized");
            assertEquals(4, delivered.size(), "empty, null and normal bodies delivered");
            assertEquals("after the garbage", delivered.get(3).text(), "the consumer kept flowing after the garbage");
            assertEquals(2, reasons.size(), "ObjectMessage and MapMessage dead-lettered");
            assertTrue(reasons.values().stream().anyMatch(r -> r.contains("ObjectMessage")), "reason names ObjectMessage: " + reasons);
        }
    }

    /**
     * Bodies a foreign JMS sender can make that Tributary must not trust. The codec reads the declared
     * length ({@code getBodyLength()}, for a large message the {@code _AMQ_LARGE_SIZE} header): a sender
     * that sets a lying header finds it replaced by the true size (the message is delivered intact);
     * a body over the consumer's limit (here 64 KiB, regular and large-message path) and a TextMessage
     * that is not valid Unicode (JMS text is UTF-16: an unpaired surrogate has no UTF-8 form) are
     * dead-lettered with a reason; bytes that are not UTF-8 are delivered as bytes (no charset is ever
     * applied on receive, so "invalid UTF-8 where text is expected" cannot arise from the body).
     */
    @Test
    void untrustworthyBodiesAreDeadLetteredOrDeliveredExactlyAndTheConsumerKeepsGoing() throws Exception {
        String stream = "reliability.bad-bodies";
        int limit = 64 * 1024;
        byte[] notUtf8 = {(byte) 0xC3, (byte) 0x28, (byte) 0xFF};
        try (ArtemisProcess broker = ArtemisProcess.create("reliability-bad-bodies", BODIES_PORT).start();
             ActiveMQConnectionFactory factory = ArtemisConnections.connectionFactory(broker.url()
                     + "&minLargeMessageSize=10240", broker.user(), broker.password());
             JmsStreams streams = new JmsStreams(ArtemisConnections.connectionFactory(broker.url(), broker.user(),
                     broker.password()), ProducerOptions.DEFAULTS.withMaxMessageBytes(limit), ConsumerOptions.DEFAULTS,
                     Connect.DLQ_SUFFIX);
             JmsStreams inspector = Connect.streams(broker, ConsumerOptions.DEFAULTS)) {
            try (JMSContext context = factory.createContext(broker.user(), broker.password())) {
                Queue queue = context.createQueue(stream);
                JMSProducer raw = context.createProducer();
                raw.send(queue, bytes(context, "over-limit-large", new byte[200 * 1024]));
                raw.send(queue, bytes(context, "over-limit", new byte[limit + 1]));
                raw.send(queue, text(context, "lone-surrogate", "lone \uD800 surrogate"));
                BytesMessage lying = bytes(context, "lying-large-size", new byte[20 * 1024]);
                lying.setLongProperty("_AMQ_LARGE_SIZE", 2_000_000_000L);
                raw.send(queue, lying);
                raw.send(queue, bytes(context, "not-utf8", notUtf8));
                raw.send(queue, text(context, "after", "after the bad bodies"));
            }
            Map<String, Message> delivered;
            try (Consumer consumer = streams.consumer(stream)) {
                delivered = byCase(consumer, 3);
            }
            Map<String, Message> dead;
            try (Consumer dlq = inspector.consumer(streams.deadLetterStream(stream))) {
                dead = byCase(dlq, 3);
            }
            Map<String, String> reasons = new TreeMap<>();
            dead.forEach((k, m) -> reasons.put(k, m.tag(Consumer.REASON_TAG)));
            ReliabilitySummary.record("bad-input-bodies", 6, delivered.size() + dead.size(),
                    6 - delivered.size() - dead.size(), 0, "delivered " + new TreeSet<>(delivered.keySet())
                            + " (lying _AMQ_LARGE_SIZE replaced by the true " + size(delivered.get("lying-large-size"))
                            + " bytes; non-UTF-8 bytes delivered as bytes, isText=" + (delivered.containsKey("not-utf8")
                            && delivered.get("not-utf8").isText()) + "); dead-lettered with reasons " + reasons);
            assertEquals(Set.of("lying-large-size", "not-utf8", "after"), delivered.keySet(), "delivered");
            assertEquals(20 * 1024, delivered.get("lying-large-size").value().length, "the true body, not the lie");
            assertArrayEquals(notUtf8, delivered.get("not-utf8").value());
            assertFalse(delivered.get("not-utf8").isText());
            assertEquals("after the bad bodies", delivered.get("after").text());
            assertEquals(Set.of("over-limit-large", "over-limit", "lone-surrogate"), dead.keySet(), "dead-lettered");
            assertTrue(reasons.get("over-limit-large").contains("the limit is " + limit), reasons.toString());
            assertTrue(reasons.get("over-limit").contains("declares " + (limit + 1) + " bytes"), reasons.toString());
            assertTrue(reasons.get("lone-surrogate").contains("not valid Unicode"), reasons.toString());
            assertEquals(200 * 1024, dead.get("over-limit-large").value().length, "dead letter keeps the body");
        }
    }

    /** Receives and acks until {@code want} messages with distinct "case" tags arrived, or the deadline passed. */
    private static Map<String, Message> byCase(Consumer consumer, int want) throws InterruptedException {
        Map<String, Message> received = new HashMap<>();
        long end = System.nanoTime() + DEADLINE.toNanos();
        while (received.size() < want && System.nanoTime() < end) {
            for (Message m : consumer.receive(10, Duration.ofMillis(200))) {
                received.put(m.tag("case"), m);
                consumer.ack(m);
            }
        }
        return received;
    }

    private static BytesMessage bytes(JMSContext context, String kase, byte[] body) throws Exception {
        BytesMessage m = context.createBytesMessage();
        m.writeBytes(body);
        m.setStringProperty("case", kase);
        return m;
    }

    private static TextMessage text(JMSContext context, String kase, String text) throws Exception {
        TextMessage m = context.createTextMessage(text);
        m.setStringProperty("case", kase);
        return m;
    }

    private static int size(Message m) {
        return m == null ? -1 : m.value().length;
    }

    @Test
    void invalidArgumentsAreRefusedWithTheBadValueNamed() {
        List<String> errors = new ArrayList<>();
        errors.add(refused(() -> Message.builder().key("a\r\nInjected: yes").text("x").build(), "control character"));
        errors.add(refused(() -> Message.builder().tag("bad\rname", "v").build(), "bad"));
        errors.add(refused(() -> ConsumerOptions.DEFAULTS.withBatchSize(-1), "-1"));
        errors.add(refused(() -> ConsumerOptions.DEFAULTS.withBatchSize(Integer.MAX_VALUE), String.valueOf(Integer.MAX_VALUE)));
        errors.add(refused(() -> ProducerOptions.DEFAULTS.withMaxInFlight(-5), "-5"));
        errors.add(refused(() -> Message.builder().tag("t", "v\r\nInjected: yes").text("x").build(),
                "control character"));
        ReliabilitySummary.record("bad-input-arguments", errors.size(), 0, 0, 0, String.join(" | ", errors));
    }

    @Test
    void pathCharactersInStreamNamesAndHugeBatchesAreRefusedByTheBrokerStreams() {
        try (ArtemisProcess broker = ArtemisProcess.create("reliability-bad-names", PORT + 1).start();
             JmsStreams streams = Connect.streams(broker, ConsumerOptions.DEFAULTS)) {
            List<String> errors = new ArrayList<>();
            for (String name : List.of("../etc/passwd", "a/b", "a\\b", "", "queue://x")) {
                errors.add(refused(() -> streams.producer(name), "'" + name + "'"));
                errors.add(refused(() -> streams.consumer(name), "'" + name + "'"));
            }
            try (Consumer consumer = streams.consumer("reliability.sizes")) {
                errors.add(refused(() -> consumer.receive(-1, Duration.ofMillis(10)), "-1"));
                errors.add(refused(() -> consumer.receive(0, Duration.ofMillis(10)), "0"));
                errors.add(refused(() -> consumer.receive(ConsumerOptions.MAX_BATCH_SIZE + 1, Duration.ofMillis(10)),
                        String.valueOf(ConsumerOptions.MAX_BATCH_SIZE + 1)));
            }
            ReliabilitySummary.record("bad-input-names-and-sizes", errors.size(), 0, 0, 0, errors.size()
                    + " refused, e.g. " + errors.get(0) + " | " + errors.get(errors.size() - 1));
        }
    }

    @Test
    void anUnresolvableBrokerUrlFailsFastWithAClearError() {
        long started = System.nanoTime();
        StreamException error = assertTimeoutPreemptively(DEADLINE, () -> assertThrows(StreamException.class,
                () -> new JmsStreams(ArtemisConnections.connectionFactory("tcp://no-such-host.invalid:61616", "u", "p"),
                        ProducerOptions.DEFAULTS, ConsumerOptions.DEFAULTS, Connect.DLQ_SUFFIX).close()));
        long millis = Duration.ofNanos(System.nanoTime() - started).toMillis();
        ReliabilitySummary.record("bad-input-unresolvable-url", 0, 0, 0, 0, "failed in " + millis + " ms: "
                + error.getMessage());
    }

    /** Asserts {@code action} throws IllegalArgumentException whose message contains {@code named}. */
    private static String refused(Executable action, String named) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, action);
        assertTrue(e.getMessage().contains(named), "message '" + e.getMessage() + "' does not name " + named);
        return e.getMessage();
    }

}
