package io.tributary.reliability;

import io.tributary.broker.Batch;
import io.tributary.broker.Broker;
import io.tributary.broker.BrokerConfig;
import io.tributary.broker.BrokerConsumer;
import io.tributary.broker.BrokerRegistry;
import io.tributary.broker.BufferConfig;
import io.tributary.broker.Eventer;
import io.tributary.broker.jms.JmsBrokerFactory;
import io.tributary.eventstream.Cursor;
import io.tributary.eventstream.Event;
import io.tributary.eventstream.EventStream;
import io.tributary.eventstream.NewEvent;
import io.tributary.eventstream.Retention;
import io.tributary.eventstream.StreamIdentity;
import io.tributary.eventstream.jms.JmsEventStream;
import io.tributary.fanin.ConsumeOptions;
import io.tributary.fanin.Subscription;
import io.tributary.fanin.jms.JmsDestination;
import io.tributary.fanin.jms.JmsSource;
import io.tributary.fanin.memory.MemoryAggregator;
import io.tributary.stream.Consumer;
import io.tributary.stream.ConsumerOptions;
import io.tributary.stream.Message;
import io.tributary.stream.ProducerOptions;
import io.tributary.stream.Store;
import io.tributary.stream.jms.JmsStreams;
import io.tributary.testing.AmqpBroker;
import io.tributary.testing.ForeignMessages;
import io.tributary.testing.ForeignMessages.Sent;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The generated foreign-message test: for each consumer path, the well-formed and every kind of malformed
 * message {@link ForeignMessages} generates, sent by the Artemis core JMS client and by Qpid JMS over AMQP
 * to a real embedded broker with an AMQP acceptor. Every well-formed message must be delivered exactly once
 * and in order, every malformed one must be in the dead-letter (or invalid) queue with a reason naming the
 * message, the field and its value's type, and the path must keep flowing (a last well-formed message,
 * sent after all of them, arrives). The connector's path is {@code io.tributary.messaging.InboundBatchesForeignMessagesTest}.
 */
class ForeignMessagesTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final Duration POLL = Duration.ofMillis(200);
    private static final Set<String> TYPES = Set.of("order.placed");

    @TempDir
    Path data;

    private AmqpBroker broker;
    private ConnectionFactory core;
    private ConnectionFactory amqp;
    private JmsStreams streams;

    @BeforeEach
    void start() throws Exception {
        broker = new AmqpBroker(data, 61790);
        core = broker.core();
        amqp = broker.amqp();
        streams = new JmsStreams(core, ProducerOptions.DEFAULTS, ConsumerOptions.DEFAULTS, ".DLQ");
    }

    @AfterEach
    void stop() {
        streams.close();
        broker.close();
    }

    @Test
    void theStreamConsumerDeliversTheWellFormedOnceInOrderAndDeadLettersTheRest() throws Exception {
        Sent sent = ForeignMessages.sendCodecCases(core, amqp, "foreign");
        List<String> got = new ArrayList<>();
        try (Consumer c = streams.consumer("foreign")) {
            long end = System.nanoTime() + WAIT.toNanos();
            while (!got.contains(ForeignMessages.last(sent)) && System.nanoTime() < end) {
                for (Message m : c.receive(100, POLL)) {
                    got.add(m.tag(ForeignMessages.SEQ));
                    c.ack(m);
                }
            }
        }
        assertEquals(sent.wellFormed(), got, "well-formed messages, each once, in order");
        ForeignMessages.assertDeadLettered(core, "foreign.DLQ", sent.malformed());
    }

    @Test
    void theBatchingBrokerConsumerDeliversTheWellFormedOnceInOrderAndDeadLettersTheRest() throws Exception {
        BrokerRegistry registry = new BrokerRegistry();
        registry.register(BrokerRegistry.JMS, new JmsBrokerFactory(core));
        try (Broker<Message> events = registry.load(new BrokerConfig(BrokerRegistry.JMS, "foreign-broker",
                BufferConfig.DEFAULTS), Eventer.NONE)) {
            Sent sent = ForeignMessages.sendCodecCases(core, amqp, "foreign-broker");
            List<String> got = new ArrayList<>();
            try (BrokerConsumer<Message> c = events.consumer()) {
                long end = System.nanoTime() + WAIT.toNanos();
                while (!got.contains(ForeignMessages.last(sent)) && System.nanoTime() < end) {
                    Batch<Message> batch = c.get(100, POLL);
                    batch.events().forEach(e -> got.add(e.tag(ForeignMessages.SEQ)));
                    if (!batch.events().isEmpty()) {
                        batch.ack();
                    }
                }
            }
            assertEquals(sent.wellFormed(), got, "well-formed messages, each once, in order");
            ForeignMessages.assertDeadLettered(core, "foreign-broker.DLQ", sent.malformed());
        }
    }

    @Test
    void theFanInSourceDeliversTheWellFormedOnceInOrderAndDeadLettersTheRest() throws Exception {
        Sent sent = ForeignMessages.sendCodecCases(core, amqp, "foreign-fanin");
        List<String> got = new ArrayList<>();
        try (MemoryAggregator<String, Message> aggregator = new MemoryAggregator<>("foreign")) {
            aggregator.addSource("jms", new JmsSource<>(core, JmsDestination.queue("foreign-fanin")));
            try (Subscription<Message> s = aggregator.consume("all", ConsumeOptions.DEFAULTS)) {
                long end = System.nanoTime() + WAIT.toNanos();
                while (!got.contains(ForeignMessages.last(sent)) && System.nanoTime() < end) {
                    s.poll(POLL).ifPresent(m -> got.add(m.tag(ForeignMessages.SEQ)));
                }
            }
        }
        assertEquals(sent.wellFormed(), got, "well-formed messages, each once, in order");
        ForeignMessages.assertDeadLettered(core, "foreign-fanin.DLQ", sent.malformed());
    }

    @Test
    void theStoreListsTheWellFormedInOrderAndDeadLettersTheRest() throws Exception {
        Sent sent = ForeignMessages.sendCodecCases(core, amqp, "foreign-store");
        try (Store store = streams.store("foreign-store")) {
            assertEquals(sent.wellFormed(), seqs(store.list()), "well-formed entries, each once, in order");
            assertEquals(sent.wellFormed(), seqs(store.list()), "a second list: the same entries");
            assertEquals(sent.wellFormed().size(), store.flush(), "only the well-formed entries were left");
        }
        ForeignMessages.assertDeadLettered(core, "foreign-store.DLQ", sent.malformed());
    }

    @Test
    void theEventStreamSequencesEveryAppendAndSetsAsideEveryIntakeMessageThatIsNone() throws Exception {
        assertEveryEventReadAndTheRestSetAside("intake", ForeignMessages.intakeCases(), 1);
    }

    @Test
    void aCursorSkipsWhatIsNoEventAndSetsItAsideOnce() throws Exception {
        assertEveryEventReadAndTheRestSetAside("retained", ForeignMessages.retainedCases(), 2);
    }

    /**
     * Sends {@code cases} to the event stream queue {@code queue} between appends, then asserts that each of
     * {@code cursors} cursors reads every appended event once, in order, and nothing else, and that the
     * invalid queue holds one dead letter, with its reason, per case.
     */
    private void assertEveryEventReadAndTheRestSetAside(String queue, List<ForeignMessages.Case> cases, int cursors)
            throws JMSException {
        String queues = "tributary.events.foreign." + queue + ".";
        try (EventStream stream = new JmsEventStream(core, new StreamIdentity("foreign", queue), TYPES,
                Retention.ofCount(10_000))) {
            List<String> appended = new ArrayList<>();
            Sent sent = sendEachAfterAnAppend(stream, queues + queue, cases, appended);
            for (int i = 0; i < cursors; i++) {
                assertEquals(appended, texts(stream, 0, appended.size()), "cursor " + i + ": every event, once, in order");
            }
            assertEquals(List.of(), sent.wellFormed());
            ForeignMessages.assertDeadLettered(core, queues + "invalid", sent.malformed());
        }
    }

    /**
     * Through the core client, then through AMQP: for each case, appends an event to {@code stream} (its text
     * added to {@code appended}) and sends the case to {@code queue}.
     */
    private Sent sendEachAfterAnAppend(EventStream stream, String queue, List<ForeignMessages.Case> cases,
            List<String> appended) throws JMSException {
        Sent sent = new Sent(List.of(), List.of());
        int seq = 0;
        for (ConnectionFactory client : List.of(core, amqp)) {
            for (ForeignMessages.Case c : cases) {
                String text = "e" + appended.size();
                stream.append(NewEvent.ofText("order.placed", text));
                appended.add(text);
                sent = sent.then(ForeignMessages.send(client, queue, List.of(c), seq++));
            }
        }
        return sent;
    }

    private static List<String> seqs(List<Message> messages) {
        return messages.stream().map(m -> m.tag(ForeignMessages.SEQ)).toList();
    }

    /** The texts of {@code n} events from {@code offset}, read by a new cursor. */
    private static List<String> texts(EventStream stream, long offset, int n) {
        List<String> texts = new ArrayList<>();
        try (Cursor cursor = stream.open(offset, TYPES)) {
            long end = System.nanoTime() + WAIT.toNanos();
            while (texts.size() < n && System.nanoTime() < end) {
                cursor.next(POLL).map(Event::text).ifPresent(texts::add);
            }
            assertTrue(cursor.next(POLL).isEmpty(), "no event after the appended ones");
        }
        return texts;
    }
}
