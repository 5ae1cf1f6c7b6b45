package io.tributary.stream.jms;

import io.tributary.artemis.ArtemisConnections;
import io.tributary.artemis.EmbeddedArtemis;
import io.tributary.stream.Consumer;
import io.tributary.stream.ConsumerOptions;
import io.tributary.stream.Message;
import io.tributary.stream.Producer;
import io.tributary.stream.ProducerOptions;
import io.tributary.stream.RedeliveryPolicy;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSException;
import jakarta.jms.MapMessage;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** JMS-specific behaviour of {@link JmsStreams} on an embedded broker (in-VM transport). */
class JmsStreamsTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final RedeliveryPolicy NO_DELAY = new RedeliveryPolicy(3, Duration.ZERO, 1.0, Duration.ZERO);

    @TempDir
    java.nio.file.Path data;

    private EmbeddedArtemis broker;
    private ConnectionFactory factory;
    private JmsStreams streams;

    @BeforeEach
    void start() {
        broker = new EmbeddedArtemis(data);
        broker.start();
        factory = ArtemisConnections.connectionFactory(broker.connectionUrl());
        streams = new JmsStreams(factory, ProducerOptions.DEFAULTS,
                ConsumerOptions.DEFAULTS.withRedelivery(NO_DELAY), ".DLQ");
    }

    @AfterEach
    void stop() {
        streams.close();
        broker.stop();
    }

    @Test
    void aMessageSentTwiceWithOneIdIsRoutedOnce() throws Exception {
        Message m = Message.builder().text("once").build();
        try (Producer p = streams.producer("dup")) {
            p.send(m).toCompletableFuture().get(10, TimeUnit.SECONDS);
            p.send(m).toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
        try (Consumer c = streams.consumer("dup")) {
            List<Message> got = c.receive(10, WAIT);
            assertEquals(1, got.size());
            c.ack(got.get(0));
            assertEquals(List.of(), c.receive(10, Duration.ZERO));
            assertEquals(0, c.backlog());
        }
    }

    @Test
    void theKeyBecomesTheGroupIdAndRoundTrips() throws Exception {
        try (Producer p = streams.producer("keyed")) {
            p.send(Message.builder().key("customer-7").text("x").build()).toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
        try (Connection conn = factory.createConnection()) {
            conn.start();
            Session s = conn.createSession(false, Session.AUTO_ACKNOWLEDGE);
            jakarta.jms.Message raw = (jakarta.jms.Message) s.createBrowser(s.createQueue("keyed"))
                    .getEnumeration().nextElement();
            assertEquals("customer-7", raw.getStringProperty("JMSXGroupID"));
        }
        try (Consumer c = streams.consumer("keyed")) {
            Message got = c.receive(1, WAIT).get(0);
            assertEquals("customer-7", got.key());
            c.ack(got);
        }
    }

    @Test
    void anObjectMessageIsDeadLetteredAndNeverDeserialized() throws Exception {
        sendRaw("objects", s -> s.createObjectMessage(new Trap()));
        sendRaw("objects", s -> s.createTextMessage("after"));
        try (Consumer c = streams.consumer("objects")) {
            List<Message> got = c.receive(10, WAIT);
            assertEquals(List.of("after"), got.stream().map(Message::text).toList());
            c.ack(got.get(0));
        }
        Message letter = single(streams.deadLetterStream("objects"));
        assertTrue(letter.tag(Consumer.REASON_TAG).contains("ObjectMessage"), letter.tag(Consumer.REASON_TAG));
        assertEquals("objects", letter.tag(Consumer.ORIGIN_TAG));
        assertTrue(letter.size() > 0, "the raw body is kept");
        assertFalse(Trap.deserialized, "the ObjectMessage body was deserialized");
    }

    @Test
    void aMapMessageIsDeadLetteredWithItsProperties() throws Exception {
        sendRaw("maps", s -> {
            MapMessage m = s.createMapMessage();
            m.setString("a", "b");
            m.setStringProperty("region", "eu");
            return m;
        });
        receiveOnlyMarker("maps");
        Message letter = single(streams.deadLetterStream("maps"));
        assertTrue(letter.tag(Consumer.REASON_TAG).contains("MapMessage"), letter.tag(Consumer.REASON_TAG));
        assertEquals("eu", letter.tag("region"));
    }

    @Test
    void aMessageWithAnInvalidFieldIsDeadLetteredWithTheRest() throws Exception {
        sendRaw("invalid", s -> {
            jakarta.jms.TextMessage t = s.createTextMessage("body");
            t.setStringProperty("JMSXGroupID", "bad\nkey");
            t.setStringProperty("origin", "legacy");
            return t;
        });
        receiveOnlyMarker("invalid");
        Message letter = single("invalid.DLQ");
        assertTrue(letter.tag(Consumer.REASON_TAG).contains("cannot be decoded"), letter.tag(Consumer.REASON_TAG));
        assertTrue(letter.tag(Consumer.REASON_TAG).contains("control character"), letter.tag(Consumer.REASON_TAG));
        assertEquals("body", letter.text());
        assertEquals("legacy", letter.tag("origin"));
        assertNull(letter.key());
    }

    @Test
    void aTextMessageFromPlainJmsIsReceivedAsItsUtf8Bytes() throws Exception {
        sendRaw("texts", s -> {
            jakarta.jms.TextMessage t = s.createTextMessage("grüß dich");
            t.setStringProperty("origin", "legacy");
            return t;
        });
        try (Consumer c = streams.consumer("texts")) {
            Message got = c.receive(1, WAIT).get(0);
            assertArrayEquals("grüß dich".getBytes(StandardCharsets.UTF_8), got.value());
            assertEquals("legacy", got.tag("origin"));
            assertEquals("texts", got.consumerTopic());
            assertTrue(got.id().startsWith("ID:"), got.id());
            assertEquals(1, got.deliveryAttempt());
            c.ack(got);
        }
    }

    @Test
    void aNackedMessageComesBackAfterTheOthersWithTheNextAttempt() throws Exception {
        send("retry", "m1", "m2", "m3");
        try (Consumer c = streams.consumer("retry")) {
            Message first = c.receive(1, WAIT).get(0);
            assertEquals("m1", first.text());
            c.nack(first, "not yet");
            List<Message> order = new ArrayList<>();
            while (order.size() < 3) {
                for (Message m : c.receive(10, WAIT)) {
                    order.add(m);
                    c.ack(m);
                }
            }
            assertEquals(List.of("m2", "m3", "m1"), order.stream().map(Message::text).toList());
            assertEquals(2, order.get(2).deliveryAttempt());
            assertEquals(first.id(), order.get(2).id());
        }
    }

    @Test
    void aNackWithDelayIsScheduledAndCountedInTheBacklog() throws Exception {
        send("later", "m1");
        ConsumerOptions hourly = ConsumerOptions.DEFAULTS
                .withRedelivery(new RedeliveryPolicy(3, Duration.ofHours(1), 1.0, Duration.ofHours(1)));
        try (Consumer c = streams.consumer("later", hourly)) {
            c.nack(c.receive(1, WAIT).get(0), "later");
            assertEquals(List.of(), c.receive(1, Duration.ofMillis(50)));
            assertEquals(1, broker.server().locateQueue("later" + RetryMover.SUFFIX).getScheduledCount());
            assertEquals(1, c.backlog());
        }
    }

    @Test
    void aDueRetryJoinsTheTailBehindMessagesAlreadyWaiting() throws Exception {
        ConnectionFactory noPrefetch = ArtemisConnections.connectionFactory(broker.connectionUrl()
                + "&consumerWindowSize=0");
        ConsumerOptions delayed = ConsumerOptions.DEFAULTS
                .withRedelivery(new RedeliveryPolicy(3, Duration.ofMillis(500), 1.0, Duration.ofMillis(500)));
        try (JmsStreams unbuffered = new JmsStreams(noPrefetch, ProducerOptions.DEFAULTS, delayed, ".DLQ");
             Consumer c = unbuffered.consumer("tail")) {
            send("tail", "m1");
            c.nack(c.receive(1, WAIT).get(0), "later");
            send("tail", "m2", "m3");
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (!retryIsDue("tail") && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            List<Message> order = new ArrayList<>();
            while (order.size() < 3 && System.nanoTime() < deadline) {
                for (Message m : c.receive(3, WAIT)) {
                    order.add(m);
                    c.ack(m);
                }
            }
            assertEquals(List.of("m2", "m3", "m1"), order.stream().map(Message::text).toList());
            assertEquals(2, order.get(2).deliveryAttempt());
        }
    }

    @Test
    void afterTheLastAttemptTheMessageIsDeadLetteredWithReasonAndTags() throws Exception {
        try (Producer p = streams.producer("poison")) {
            p.send(Message.builder().text("bad").key("k").tag("tenant", "t1").build())
                    .toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
        try (Consumer c = streams.consumer("poison")) {
            for (int attempt = 1; attempt <= NO_DELAY.maxAttempts(); attempt++) {
                Message m = c.receive(1, WAIT).get(0);
                assertEquals(attempt, m.deliveryAttempt());
                c.nack(m, "failure " + attempt);
            }
            assertEquals(List.of(), c.receive(1, Duration.ofMillis(50)));
            assertEquals(0, c.backlog());
        }
        Message letter = single("poison.DLQ");
        assertEquals("bad", letter.text());
        assertEquals("failure 3", letter.tag(Consumer.REASON_TAG));
        assertEquals("poison", letter.tag(Consumer.ORIGIN_TAG));
        assertEquals("t1", letter.tag("tenant"));
        assertEquals("k", letter.key());
        assertEquals(3, letter.deliveryAttempt());
    }

    @Test
    void aMessageArrivingPastTheMaximumIsDeadLetteredAtReceive() throws Exception {
        try (Producer p = streams.producer("looping")) {
            p.send(Message.builder().text("again").deliveryAttempt(4).build()).toCompletableFuture()
                    .get(10, TimeUnit.SECONDS);
        }
        receiveOnlyMarker("looping");
        assertTrue(single("looping.DLQ").tag(Consumer.REASON_TAG).contains("past maxAttempts 3"));
    }

    @Test
    void closingMidBatchRedeliversTheUnackedOnlyAndKeepsTheNacks() throws Exception {
        send("midway", "a", "b", "c", "d");
        try (Consumer c = streams.consumer("midway")) {
            List<Message> batch = c.receive(4, WAIT);
            assertEquals(4, batch.size());
            c.ack(batch.get(0));
            c.ack(batch.get(2));
        }
        try (Consumer c = streams.consumer("midway")) {
            List<Message> again = c.receive(10, WAIT);
            assertEquals(List.of("b", "d"), again.stream().map(Message::text).toList());
            assertEquals(List.of(2, 2), again.stream().map(Message::deliveryAttempt).toList());
            again.forEach(c::ack);
            assertEquals(0, c.backlog());
        }
    }

    @Test
    void theBacklogCountsWaitingMessages() throws Exception {
        send("depth", "1", "2", "3");
        try (Consumer c = streams.consumer("depth")) {
            assertEquals(3, c.backlog());
            List<Message> got = c.receive(2, WAIT);
            assertEquals(3, c.backlog(), "delivered but uncommitted messages still count");
            got.forEach(c::ack);
            assertEquals(1, c.backlog());
        }
    }

    @Test
    void aBrokerRedeliveryCountsAsAnAttempt() throws Exception {
        send("rolled", "r");
        try (Connection conn = factory.createConnection()) {
            conn.start();
            Session tx = conn.createSession(true, Session.SESSION_TRANSACTED);
            assertEquals("r", readText(tx.createConsumer(tx.createQueue("rolled")).receive(WAIT.toMillis())));
            tx.rollback();
        }
        try (Consumer c = streams.consumer("rolled")) {
            Message m = c.receive(1, WAIT).get(0);
            assertEquals(2, m.deliveryAttempt());
            c.ack(m);
        }
    }

    @Test
    void aMessageWithoutAnyIdIsDeadLetteredAndNoMessageAroundItIsLost() throws Exception {
        send("no-ids", "m1", "m2", "m3");
        try (Connection conn = factory.createConnection()) {
            Session s = conn.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageProducer p = s.createProducer(s.createQueue("no-ids"));
            p.setDisableMessageID(true);
            p.send(s.createTextMessage("without id"));
        }
        send("no-ids", "m4", "m5", "m6");
        assertEquals(List.of("m1", "m2", "m3", "m4", "m5", "m6"), receiveAll("no-ids", 6));
        String reason = single("no-ids.DLQ").tag(Consumer.REASON_TAG);
        assertTrue(reason.contains("without JMSMessageID, broker id") && reason.contains("field JMSMessageID"), reason);
    }

    @Test
    void codecPropertiesOfAnotherTypeAreDeadLetteredNamingFieldAndTypeAndTheStreamFlows() throws Exception {
        sendRaw("typed", s -> typed(s, "tributary_attempt", "two"));
        sendRaw("typed", s -> typed(s, "tributary_ttl_ms", "soon"));
        sendRaw("typed", s -> typed(s, "tributary_attempt", true));
        send("typed", "good");
        assertEquals(List.of("good"), receiveAll("typed", 1));
        List<String> reasons = new ArrayList<>();
        try (Consumer c = streams.consumer("typed.DLQ")) {
            for (Message m : c.receive(10, WAIT)) {
                reasons.add(m.tag(Consumer.REASON_TAG));
                c.ack(m);
            }
        }
        assertEquals(3, reasons.size(), "dead letters: " + reasons);
        assertTrue(reasons.get(0).contains("field tributary_attempt holds a String (two)"), reasons.get(0));
        assertTrue(reasons.get(1).contains("field tributary_ttl_ms holds a String (soon)"), reasons.get(1));
        assertTrue(reasons.get(2).contains("field tributary_attempt holds a Boolean (true)"), reasons.get(2));
    }

    @Test
    void aReceiveInterruptedWhileWaitingThrowsInterruptedAndTakesNothing() throws Exception {
        try (Consumer c = streams.consumer("quiet")) {
            CompletableFuture<Throwable> outcome = new CompletableFuture<>();
            Thread waiter = new Thread(() -> {
                try {
                    outcome.complete(new AssertionError("received " + c.receive(1, Duration.ofSeconds(30))));
                } catch (Throwable t) {
                    outcome.complete(t);
                }
            });
            waiter.start();
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (waiter.getState() != Thread.State.TIMED_WAITING && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            waiter.interrupt();
            assertInstanceOf(InterruptedException.class, outcome.get(10, TimeUnit.SECONDS));
            send("quiet", "later");
            List<Message> got = c.receive(1, WAIT);
            assertEquals(List.of("later"), got.stream().map(Message::text).toList());
            c.ack(got.get(0));
        }
    }

    @Test
    void messagesInTheEarlierWireFormatReadTheSame() throws Exception {
        try (Connection conn = factory.createConnection()) {
            Session s = conn.createSession(false, Session.AUTO_ACKNOWLEDGE);
            jakarta.jms.BytesMessage old = s.createBytesMessage();
            old.writeBytes("old".getBytes(StandardCharsets.UTF_8));
            old.setStringProperty("tributary_id", "id-1");
            old.setStringProperty("_AMQ_DUPL_ID", "id-1");
            old.setIntProperty("tributary_attempt", 2);
            old.setStringProperty("tributary_timestamp", "2026-01-02T03:04:05.123456789Z");
            old.setStringProperty("tributary_topic", "elsewhere");
            s.createProducer(s.createQueue("legacy")).send(old);
        }
        try (Consumer c = streams.consumer("legacy")) {
            Message m = c.receive(1, WAIT).get(0);
            assertEquals("old", m.text());
            assertEquals("id-1", m.id());
            assertEquals(2, m.deliveryAttempt());
            assertEquals(java.time.Instant.parse("2026-01-02T03:04:05.123456789Z"), m.timestamp());
            assertEquals("elsewhere", m.producerTopic());
            assertTrue(m.tags().isEmpty(), "codec properties are not tags: " + m.tags().keySet());
            c.ack(m);
        }
    }

    @Test
    void aMessageCarriesOnlyTheFieldsAReaderCannotRecover() throws Exception {
        java.time.Instant far = java.time.Instant.parse("2300-01-01T00:00:00.5Z");
        Message sent = Message.builder().text("lean").timestamp(far).build();
        try (Producer p = streams.producer("lean")) {
            p.send(sent).toCompletableFuture().get(WAIT.toSeconds(), TimeUnit.SECONDS);
        }
        try (Connection conn = factory.createConnection()) {
            conn.start();
            Session s = conn.createSession(false, Session.AUTO_ACKNOWLEDGE);
            jakarta.jms.Message raw = s.createConsumer(s.createQueue("lean")).receive(WAIT.toMillis());
            assertEquals(sent.id(), raw.getStringProperty("_AMQ_DUPL_ID"));
            assertFalse(raw.propertyExists("tributary_id"), "the id travels once, as the duplicate-detection id");
            assertFalse(raw.propertyExists("tributary_attempt"), "attempt 1 is the default");
            assertFalse(raw.propertyExists("tributary_topic"), "the topic is the destination");
            assertEquals(far.toString(), raw.getStringProperty("tributary_timestamp"),
                    "past 2262 the timestamp goes as text");
            Message got = MessageCodec.read(raw, "lean");
            assertEquals(far, got.timestamp());
            assertEquals("lean", got.producerTopic());
            assertEquals(1, got.deliveryAttempt());
            assertEquals(sent.id(), got.id());
        }
    }

    private static String readText(jakarta.jms.Message m) throws JMSException {
        Message decoded;
        try {
            decoded = MessageCodec.read(m, "any");
        } catch (MessageCodec.Unreadable e) {
            throw new AssertionError(e.getMessage(), e);
        }
        return decoded.text();
    }

    private void send(String stream, String... texts) throws Exception {
        try (Producer p = streams.producer(stream)) {
            for (String t : texts) {
                p.send(Message.ofText(t));
            }
            p.flush(WAIT);
        }
    }

    /** Whether the stream holds its 3 messages, none of them scheduled, and its retry queue is empty. */
    private boolean retryIsDue(String stream) {
        org.apache.activemq.artemis.core.server.Queue main = broker.server().locateQueue(stream);
        org.apache.activemq.artemis.core.server.Queue retries = broker.server().locateQueue(stream + RetryMover.SUFFIX);
        return main.getMessageCount() == 3 && main.getScheduledCount() == 0
                && (retries == null || retries.getMessageCount() == 0);
    }

    /** Sends a marker behind what is queued and receives until it: nothing before it may be handed out. */
    private void receiveOnlyMarker(String stream) throws Exception {
        send(stream, "marker");
        try (Consumer c = streams.consumer(stream)) {
            List<Message> got = c.receive(10, WAIT);
            assertEquals(List.of("marker"), got.stream().map(Message::text).toList());
            c.ack(got.get(0));
        }
    }

    /** Receives and acks {@code n} messages, in batches, and returns their texts (fewer if they do not come). */
    private List<String> receiveAll(String stream, int n) throws InterruptedException {
        List<String> texts = new ArrayList<>();
        try (Consumer c = streams.consumer(stream)) {
            long end = System.nanoTime() + WAIT.toNanos();
            while (texts.size() < n && System.nanoTime() < end) {
                for (Message m : c.receive(2, Duration.ofMillis(200))) {
                    texts.add(m.text());
                    c.ack(m);
                }
            }
        }
        return texts;
    }

    private static jakarta.jms.Message typed(Session s, String property, Object value) throws JMSException {
        jakarta.jms.Message m = s.createTextMessage("typed");
        m.setObjectProperty(property, value);
        return m;
    }

    private Message single(String stream) throws InterruptedException {
        try (Consumer c = streams.consumer(stream)) {
            List<Message> got = c.receive(10, WAIT);
            assertEquals(1, got.size(), "messages on " + stream);
            c.ack(got.get(0));
            return got.get(0);
        }
    }

    private void sendRaw(String queue, RawMessage create) throws JMSException {
        try (Connection conn = factory.createConnection()) {
            Session s = conn.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageProducer p = s.createProducer(s.createQueue(queue));
            p.send(create.on(s));
        }
    }

    @FunctionalInterface
    private interface RawMessage {
        jakarta.jms.Message on(Session session) throws JMSException;
    }

    /** A body whose deserialization the test would notice. */
    static final class Trap implements Serializable {
        private static final long serialVersionUID = 1L;
        static volatile boolean deserialized;

        private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
            deserialized = true;
            in.defaultReadObject();
        }
    }

    @Test
    void theTrapNoticesDeserialization() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(new Trap());
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            in.readObject();
        }
        assertTrue(Trap.deserialized);
        Trap.deserialized = false;
    }
}
