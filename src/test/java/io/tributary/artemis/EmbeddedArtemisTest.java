package io.tributary.artemis;

import io.tributary.stream.Consumer;
import io.tributary.stream.ConsumerOptions;
import io.tributary.stream.Message;
import io.tributary.stream.Producer;
import io.tributary.stream.ProducerOptions;
import io.tributary.stream.jms.JmsStreams;
import io.tributary.config.ConfigKey;
import io.tributary.config.TributaryConfig;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import org.apache.activemq.artemis.api.core.TransportConfiguration;
import org.apache.activemq.artemis.core.remoting.impl.invm.InVMAcceptorFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EmbeddedArtemisTest {

    @TempDir
    Path data;

    @Test
    void theAuditLogIsOffEvenWhenItsLoggersHaveALevel() throws Exception {
        // as a server's logging configuration may give them (Liberty's trace specification sets levels)
        List<Logger> audit = Stream.of("base", "message", "resource")
                .map(n -> Logger.getLogger("org.apache.activemq.audit." + n)).toList();
        List<LogRecord> records = new CopyOnWriteArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                if (isLoggable(record)) {
                    records.add(record);
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        audit.forEach(l -> {
            l.setLevel(Level.INFO);
            l.addHandler(capture);
        });
        try (EmbeddedArtemis broker = new EmbeddedArtemis(data)) {
            broker.start();
            try (JmsStreams streams = streams(broker); Producer p = streams.producer("audited");
                    Consumer c = streams.consumer("audited")) {
                p.send(Message.builder().text("order").tag("customer", "c-42").build()).toCompletableFuture()
                        .get(10, TimeUnit.SECONDS);
                List<Message> got = c.receive(1, Duration.ofSeconds(10));
                got.forEach(c::ack);
            }
        } finally {
            audit.forEach(l -> l.removeHandler(capture));
        }
        assertEquals(0, records.size(), () -> records.size() + " audit lines logged, the first: "
                + records.get(0).getMessage());
    }

    @Test
    void messagesAndDuplicateIdsSurviveARestart() throws Exception {
        Message kept = Message.builder().text("kept").key("k").tag("tenant", "t1").build();
        try (EmbeddedArtemis broker = new EmbeddedArtemis(data)) {
            broker.start();
            try (JmsStreams streams = streams(broker); Producer p = streams.producer("durable")) {
                p.send(kept).toCompletableFuture().get(10, TimeUnit.SECONDS);
            }
            broker.stop();
            assertFalse(broker.isStarted());
            assertTrue(Files.isDirectory(data.resolve("journal")));

            broker.start();
            try (JmsStreams streams = streams(broker)) {
                try (Producer p = streams.producer("durable")) {
                    p.send(kept).toCompletableFuture().get(10, TimeUnit.SECONDS);
                }
                try (Consumer c = streams.consumer("durable")) {
                    List<Message> got = c.receive(10, Duration.ofSeconds(10));
                    assertEquals(1, got.size(), "the message survived and its resend was recognised as a duplicate");
                    Message m = got.get(0);
                    assertEquals(kept.id(), m.id());
                    assertEquals("kept", m.text());
                    assertEquals("k", m.key());
                    assertEquals("t1", m.tag("tenant"));
                    assertEquals(kept.timestamp(), m.timestamp());
                    c.ack(m);
                    assertEquals(0, c.backlog());
                }
            }
        }
    }

    @Test
    void aMessageRolledBackOnEveryDeliveryMovesToTheBrokersDeadLettersAfterTheBound() throws Exception {
        try (EmbeddedArtemis broker = new EmbeddedArtemis(data)) {
            broker.start();
            ConnectionFactory factory = ArtemisConnections.connectionFactory(broker.connectionUrl());
            try (Connection connection = factory.createConnection()) {
                connection.start();
                Session plain = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
                MessageProducer producer = plain.createProducer(plain.createQueue("wedged"));
                producer.send(plain.createTextMessage("poison"));
                producer.send(plain.createTextMessage("behind"));
                Session tx = connection.createSession(true, Session.SESSION_TRANSACTED);
                MessageConsumer consumer = tx.createConsumer(tx.createQueue("wedged"));
                int rollbacks = 0;
                String got = null;
                while (rollbacks <= EmbeddedArtemis.MAX_DELIVERY_ATTEMPTS) {
                    jakarta.jms.Message m = consumer.receive(10_000);
                    got = m == null ? null : m.getBody(String.class);
                    if (!"poison".equals(got)) {
                        break;
                    }
                    tx.rollback();
                    rollbacks++;
                }
                tx.commit();
                assertEquals("behind", got, "the message behind arrives once the poison is dead-lettered");
                assertEquals(EmbeddedArtemis.MAX_DELIVERY_ATTEMPTS, rollbacks);
                jakarta.jms.Message dead = plain.createConsumer(plain.createQueue(EmbeddedArtemis.BROKER_DEAD_LETTERS
                        + ".wedged")).receive(10_000);
                assertEquals("poison", dead == null ? null : dead.getBody(String.class));
            }
        }
    }

    @Test
    void brokersInOneJvmHaveTheirOwnUrls(@TempDir Path other) {
        try (EmbeddedArtemis a = new EmbeddedArtemis(data); EmbeddedArtemis b = new EmbeddedArtemis(other)) {
            a.start();
            b.start();
            assertNotEquals(a.connectionUrl(), b.connectionUrl());
            assertTrue(a.connectionUrl().contains("confirmationWindowSize="), a.connectionUrl());
        }
    }

    @Test
    void aPortOutOfRangeOrWithoutCredentialsIsRejected() {
        IllegalArgumentException range = assertThrows(IllegalArgumentException.class,
                () -> new TcpAcceptor(70_000, "app", "a-long-enough-password"));
        assertTrue(range.getMessage().contains("70000"), range.getMessage());
        IllegalArgumentException noUser = assertThrows(IllegalArgumentException.class,
                () -> new TcpAcceptor(61_616, " ", "a-long-enough-password"));
        assertTrue(noUser.getMessage().contains("tributary.embedded.user"), noUser.getMessage());
        IllegalArgumentException shortPassword = assertThrows(IllegalArgumentException.class,
                () -> new TcpAcceptor(61_616, "app", "short"));
        assertTrue(shortPassword.getMessage().contains("at least 12"), shortPassword.getMessage());
        assertFalse(shortPassword.getMessage().contains("short"), shortPassword.getMessage());
        assertFalse(new TcpAcceptor(61_616, "app", "a-long-enough-password").toString().contains("password"));
    }

    @Test
    void theDefaultBrokerOpensNoPortAndTheDefaultConfigurationAsksForNone() {
        assertEquals(0, TributaryConfig.of(Map.of()).integer(ConfigKey.EMBEDDED_PORT),
                "tributary.embedded.port defaults to in-VM only");
        assertTrue(TributaryConfig.of(Map.of()).embeddedAcceptor().isEmpty());
        try (EmbeddedArtemis broker = new EmbeddedArtemis(data)) {
            broker.start();
            Set<String> factories = broker.server().getConfiguration().getAcceptorConfigurations().stream()
                    .map(TransportConfiguration::getFactoryClassName).collect(Collectors.toSet());
            assertEquals(Set.of(InVMAcceptorFactory.class.getName()), factories);
            assertEquals(Set.of("in-vm"), broker.server().getRemotingService().getAcceptors().keySet());
            assertTrue(broker.credentials().isEmpty());
        }
    }

    private static JmsStreams streams(EmbeddedArtemis broker) {
        return new JmsStreams(ArtemisConnections.connectionFactory(broker.connectionUrl()), ProducerOptions.DEFAULTS,
                ConsumerOptions.DEFAULTS, ".DLQ");
    }
}
