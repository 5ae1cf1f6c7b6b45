package io.tributary.fanin.jms;

import io.tributary.artemis.ArtemisConnections;
import io.tributary.artemis.EmbeddedArtemis;
import io.tributary.broker.Deadline;
import io.tributary.fanin.AggregatorConformance;
import io.tributary.fanin.ConsumeOptions;
import io.tributary.fanin.Source;
import io.tributary.fanin.Subscription;
import io.tributary.stream.Message;
import io.tributary.stream.jms.JmsMessages;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSException;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The aggregator conformance suite over {@link JmsSource}s on topics of an embedded Artemis (in-VM),
 * plus the queue and shared-subscription modes.
 */
class JmsSourceTest extends AggregatorConformance {

    @TempDir
    Path data;

    private EmbeddedArtemis server;
    private ConnectionFactory factory;
    private Connection connection;

    @BeforeEach
    void startServer() throws JMSException {
        server = new EmbeddedArtemis(data);
        server.start();
        factory = ArtemisConnections.connectionFactory(server.connectionUrl());
        connection = factory.createConnection();
    }

    @AfterEach
    void stopServer() throws Exception {
        closeAll();
        connection.close();
        server.stop();
    }

    @Override
    protected Feed createFeed(String name) throws JMSException {
        String topic = "feed." + name;
        Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
        MessageProducer producer = session.createProducer(session.createTopic(topic));
        JmsSource<String> source = new JmsSource<>(factory, JmsDestination.topic(topic));
        return new Feed() {
            @Override
            public Source<String, Message> source() {
                return source;
            }

            @Override
            public synchronized void publish(String text) throws JMSException {
                producer.send(JmsMessages.write(session, Message.ofText(text)));
            }

            @Override
            public int subscribers() throws Exception {
                return server.server().bindingQuery(SimpleString.of(topic)).getQueueNames().size();
            }

            @Override
            public void close() throws JMSException {
                session.close();
            }
        };
    }

    private void send(String queue, String... texts) throws JMSException {
        try (Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
                MessageProducer producer = session.createProducer(session.createQueue(queue))) {
            for (String t : texts) {
                producer.send(JmsMessages.write(session, Message.ofText(t)));
            }
        }
    }

    @Test
    void subscriptionsOfAQueueShareItsMessagesAndNothingIsLostOnCancel() throws Exception {
        send("orders", "1", "2", "3", "4");
        aggregator.addSource("orders", new JmsSource<>(factory, JmsDestination.queue("orders")));
        Subscription<Message> first = subscribe(new ConsumeOptions(1));
        List<String> seen = new ArrayList<>(take(first, 1));
        first.close();
        while (!first.isDone()) {
            first.poll(SHORT).ifPresent(m -> seen.add(m.text()));
        }
        seen.addAll(take(subscribe(ConsumeOptions.DEFAULTS), 4 - seen.size()));
        assertEquals(List.of("1", "2", "3", "4"), seen.stream().sorted().toList(), "every message once");
    }

    @Test
    void aDurableSharedSubscriptionKeepsMessagesWhileNobodyIsSubscribed() throws Exception {
        JmsDestination durable = JmsDestination.sharedTopic("prices", "fanin", true);
        aggregator.addSource("prices", new JmsSource<>(factory, durable));
        Subscription<Message> first = subscribe(ConsumeOptions.DEFAULTS);
        Deadline.await(WAIT, "the durable subscription exists", () -> queues("prices") == 1);
        first.close();
        Deadline.await(WAIT, "the first subscription completes", first::isDone);
        try (Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
                MessageProducer producer = session.createProducer(session.createTopic("prices"))) {
            producer.send(JmsMessages.write(session, Message.ofText("while away")));
        }
        Subscription<Message> second = subscribe(ConsumeOptions.DEFAULTS);
        assertEquals("while away", second.poll(WAIT).orElseThrow().text());
    }

    @Test
    void destinationsAreValidated() {
        assertThrows(IllegalArgumentException.class, () -> JmsDestination.queue("bad name"));
        assertThrows(IllegalArgumentException.class, () -> new JmsDestination(false, "q", "sub", false));
        assertThrows(IllegalArgumentException.class, () -> new JmsDestination(true, "t", null, true));
    }

    private int queues(String address) {
        try {
            return server.server().bindingQuery(SimpleString.of(address)).getQueueNames().size();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
