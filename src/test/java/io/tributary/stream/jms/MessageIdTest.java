package io.tributary.stream.jms;

import io.tributary.artemis.ArtemisConnections;
import io.tributary.artemis.EmbeddedArtemis;
import io.tributary.stream.Message;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSException;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.jms.client.ActiveMQMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * How a message's id travels and is read back, on a real (embedded) Artemis broker: once, as the
 * duplicate-detection id, when the two are equal; in {@code tributary_id} when a copy carries another
 * duplicate-detection id (a retry, a dead letter, a redrive) or none (a store entry); the old format with both;
 * and the fallbacks for other clients' messages (a text duplicate-detection id that is a valid id, else the
 * JMS message id). {@link MessageCodec#idSelector} selects by the same rule.
 */
class MessageIdTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final String QUEUE = "ids";

    @TempDir
    Path data;

    private EmbeddedArtemis broker;
    private Connection connection;
    private Session session;

    @BeforeEach
    void start() throws JMSException {
        broker = new EmbeddedArtemis(data);
        broker.start();
        ConnectionFactory factory = ArtemisConnections.connectionFactory(broker.connectionUrl());
        connection = factory.createConnection();
        connection.start();
        session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
    }

    @AfterEach
    void stop() throws JMSException {
        try {
            connection.close();
        } finally {
            broker.stop();
        }
    }

    @Test
    void aFirstSendCarriesItsIdOnlyAsTheDuplicateDetectionId() throws Exception {
        Message m = Message.ofText("first");
        jakarta.jms.Message got = roundTrip(MessageCodec.write(session, m, m.id(), QUEUE));
        assertFalse(got.propertyExists(MessageCodec.ID), "the id travels once");
        assertEquals(m.id(), got.getStringProperty(MessageCodec.DUPLICATE_ID));
        assertEquals(m.id(), MessageCodec.read(got, QUEUE).id());
    }

    @Test
    void aCopyWithAnotherDuplicateIdOrNoneCarriesItsIdInTributaryId() throws Exception {
        Message m = Message.ofText("retried");
        jakarta.jms.Message retry = roundTrip(MessageCodec.write(session, m, m.id() + "#2", QUEUE));
        assertEquals(m.id(), retry.getStringProperty(MessageCodec.ID));
        assertEquals(m.id(), MessageCodec.read(retry, QUEUE).id(), "tributary_id wins over the duplicate id");
        jakarta.jms.Message entry = roundTrip(MessageCodec.write(session, m, null, QUEUE));
        assertNull(entry.getStringProperty(MessageCodec.DUPLICATE_ID));
        assertEquals(m.id(), MessageCodec.read(entry, QUEUE).id());
    }

    @Test
    void theEarlierFormatWithBothPropertiesReadsTheSame() throws Exception {
        jakarta.jms.Message old = session.createTextMessage("old");
        old.setStringProperty(MessageCodec.ID, "old-id");
        old.setStringProperty(MessageCodec.DUPLICATE_ID, "old-id");
        assertEquals("old-id", MessageCodec.read(roundTrip(old), QUEUE).id());
    }

    @Test
    void anotherClientsTextDuplicateIdIsTheIdAndAnUnusableOneFallsBackToTheJmsId() throws Exception {
        jakarta.jms.Message text = session.createTextMessage("dup");
        text.setStringProperty(MessageCodec.DUPLICATE_ID, "order-17");
        assertEquals("order-17", MessageCodec.read(roundTrip(text), QUEUE).id());

        jakarta.jms.Message tooLong = session.createTextMessage("long");
        tooLong.setStringProperty(MessageCodec.DUPLICATE_ID, "x".repeat(300));
        jakarta.jms.Message got = roundTrip(tooLong);
        assertEquals(got.getJMSMessageID(), MessageCodec.read(got, QUEUE).id());

        jakarta.jms.Message bytes = session.createTextMessage("bytes");
        ((ActiveMQMessage) bytes).getCoreMessage().putBytesProperty(
                SimpleString.of(MessageCodec.DUPLICATE_ID), "raw-id".getBytes(StandardCharsets.UTF_8));
        got = roundTrip(bytes);
        assertEquals(got.getJMSMessageID(), MessageCodec.read(got, QUEUE).id(), "a byte[] duplicate id is passed over");
    }

    @Test
    void theIdSelectorFollowsTheReadBackRule() throws Exception {
        Message first = Message.ofText("first");
        Message copy = Message.ofText("copy");
        List<jakarta.jms.Message> sent = List.of(
                MessageCodec.write(session, first, first.id(), QUEUE),
                MessageCodec.write(session, copy, "other", QUEUE),
                MessageCodec.write(session, copy, copy.id() + "#redrive", QUEUE));
        for (jakarta.jms.Message m : sent) {
            session.createProducer(session.createQueue(QUEUE)).send(m);
        }
        assertEquals(List.of("first"), selected(List.of(first.id())));
        assertEquals(List.of(), selected(List.of("other")),
                "a message whose tributary_id names its id is not selected by its duplicate id");
        assertEquals(List.of("copy", "copy"), selected(List.of(copy.id(), "it's-quoted")));
    }

    private List<String> selected(List<String> ids) throws Exception {
        List<String> texts = new ArrayList<>();
        try (Session browse = connection.createSession(false, Session.AUTO_ACKNOWLEDGE)) {
            var browser = browse.createBrowser(browse.createQueue(QUEUE), MessageCodec.idSelector(ids));
            for (var e = browser.getEnumeration(); e.hasMoreElements(); ) {
                texts.add(MessageCodec.read((jakarta.jms.Message) e.nextElement(), QUEUE).text());
            }
        }
        return texts;
    }

    private jakarta.jms.Message roundTrip(jakarta.jms.Message m) throws JMSException {
        session.createProducer(session.createQueue(QUEUE)).send(m);
        try (MessageConsumer consumer = session.createConsumer(session.createQueue(QUEUE))) {
            jakarta.jms.Message got = consumer.receive(WAIT.toMillis());
            assertTrue(got != null, "the message came back");
            return got;
        }
    }
}
