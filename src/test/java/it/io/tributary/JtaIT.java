package it.io.tributary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tributary.stream.Consumer;
import io.tributary.stream.Message;
import io.tributary.stream.Producer;
import io.tributary.stream.RedeliveryPolicy;
import io.tributary.stream.Streams;
import it.io.tributary.JtaOrders.Ending;
import jakarta.inject.Inject;
import jakarta.transaction.RollbackException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * JTA in container-managed mode, on Liberty with the Artemis resource adapter and a real PostgreSQL behind an
 * XA datasource: a Tributary consumer and producer used inside a {@code @Transactional} method enlist in its
 * transaction, so the ack, the send and the database row commit together, and a rollback undoes all three
 * and the broker delivers the message again with attempt + 1 (after the nack backoff, and to the dead-letter
 * stream past the maximum, as for a nack).
 */
@ExtendWith({RaBroker.class, JtaDatabase.class, ArquillianExtension.class})
class JtaIT {

    private static final String RUN = Long.toString(System.currentTimeMillis(), 36);
    private static final Duration DEADLINE = Duration.ofSeconds(60);
    private static final RedeliveryPolicy QUICK = new RedeliveryPolicy(3, Duration.ofMillis(200), 1.0,
            Duration.ofMillis(200));

    @Deployment
    static WebArchive deployment() {
        return ContainerManagedIT.containerManaged(JtaIT.class, JtaOrders.class, JtaOrders.Ending.class,
                JtaDatabase.class);
    }

    @Inject
    Streams streams;

    @Inject
    JtaOrders orders;

    @BeforeEach
    void table() throws Exception {
        orders.createTable();
    }

    @Test
    void anAckTheRowAndTheSendCommitTogether() throws Exception {
        String stream = "it-jta-ack-" + RUN;
        try (Producer producer = streams.producer(stream); Consumer in = consumer(stream);
                Producer confirmations = streams.producer(stream + "-done"); Consumer done = streams.consumer(stream + "-done")) {
            Message sent = send(producer, "order 1");
            Message handled = handleUntilOne(in, confirmations, Ending.ACK);
            assertEquals(sent.id(), handled.id());
            assertEquals(List.of(1), orders.rows(sent.id()), "the row committed");
            assertEquals(List.of("handled " + sent.id()), texts(done), "the send committed");
            assertEquals(0, in.backlog(), "the message was consumed");
            assertTrue(in.receive(1, Duration.ofMillis(500)).isEmpty(), "the message was consumed");
        }
    }

    @Test
    void aHandlerThatThrowsLeavesNoRowNoSendAndTheMessageComesBackWithAttemptTwo() throws Exception {
        String stream = "it-jta-throw-" + RUN;
        try (Producer producer = streams.producer(stream); Consumer in = consumer(stream);
                Producer confirmations = streams.producer(stream + "-done"); Consumer done = streams.consumer(stream + "-done")) {
            Message sent = send(producer, "order 2");
            IllegalStateException thrown = assertThrows(IllegalStateException.class,
                    () -> orders.handle(in, confirmations, Ending.THROW));
            assertTrue(thrown.getMessage().contains(sent.id()), thrown.getMessage());
            assertEquals(List.of(), orders.rows(sent.id()), "no row after the rollback");
            assertEquals(List.of(), texts(done), "no send after the rollback");
            assertEquals(Optional.empty(), orders.handle(in, confirmations, Ending.ACK),
                    "the redelivery is not handed out at once: it waits out the backoff of attempt 1 in the retry queue");

            Message again = handleUntilOne(in, confirmations, Ending.ACK);
            assertEquals(sent.id(), again.id());
            assertEquals(2, again.deliveryAttempt(), "delivered again with attempt + 1");
            assertEquals(List.of(2), orders.rows(sent.id()), "only the second attempt's row");
            assertEquals(List.of("handled " + sent.id()), texts(done), "only the second attempt's send");
            assertEquals(0, in.backlog());
        }
    }

    @Test
    void aNackInTheTransactionCommitsTheRowAndRetriesTheMessage() throws Exception {
        String stream = "it-jta-nack-" + RUN;
        try (Producer producer = streams.producer(stream); Consumer in = consumer(stream);
                Producer confirmations = streams.producer(stream + "-done")) {
            Message sent = send(producer, "order 3");
            assertEquals(1, handleUntilOne(in, confirmations, Ending.NACK).deliveryAttempt());
            Message again = handleUntilOne(in, confirmations, Ending.ACK);
            assertEquals(2, again.deliveryAttempt(), "the nack's retry, attempt + 1");
            assertEquals(List.of(1, 2), orders.rows(sent.id()), "the nacking transaction's row committed too");
            assertEquals(0, in.backlog());
        }
    }

    @Test
    void rollbacksPastTheMaximumDeadLetterTheMessage() throws Exception {
        String stream = "it-jta-dead-" + RUN;
        try (Producer producer = streams.producer(stream); Consumer in = consumer(stream);
                Producer confirmations = streams.producer(stream + "-done");
                Consumer deadLetters = streams.consumer(streams.deadLetterStream(stream))) {
            Message sent = send(producer, "order 4");
            List<Integer> attempts = new ArrayList<>();
            long end = System.nanoTime() + DEADLINE.toNanos();
            while (attempts.size() < QUICK.maxAttempts() && System.nanoTime() < end) {
                try {
                    orders.handle(in, confirmations, Ending.THROW);
                } catch (IllegalStateException expected) {
                    attempts.add(attempts.size() + 1);
                }
            }
            assertEquals(List.of(1, 2, 3), attempts);
            assertEquals(Optional.empty(), orders.handle(in, confirmations, Ending.ACK),
                    "attempt 4 is past the maximum: dead-lettered at receive, never handed out");
            List<Message> letters = deadLetters.receive(1, DEADLINE);
            assertEquals(1, letters.size(), "the message reached the dead-letter stream");
            deadLetters.ack(letters.get(0));
            assertEquals(sent.id(), letters.get(0).id());
            assertEquals(List.of(), orders.rows(sent.id()), "no row from the rolled-back attempts");
        }
    }

    @Test
    void aBatchLeftUnsettledRollsTheTransactionBack() throws Exception {
        String stream = "it-jta-unsettled-" + RUN;
        try (Producer producer = streams.producer(stream); Consumer in = consumer(stream);
                Producer confirmations = streams.producer(stream + "-done")) {
            Message sent = send(producer, "order 5");
            Exception thrown = assertThrows(Exception.class, () -> orders.handle(in, confirmations, Ending.LEAVE_UNSETTLED));
            assertTrue(causedBy(thrown, RollbackException.class), "the commit became a rollback: " + thrown);
            assertEquals(List.of(), orders.rows(sent.id()));
            Message again = handleUntilOne(in, confirmations, Ending.ACK);
            assertEquals(2, again.deliveryAttempt());
        }
    }

    private Consumer consumer(String stream) {
        return streams.consumer(stream, streams.defaultConsumerOptions().withRedelivery(QUICK));
    }

    private static Message send(Producer producer, String text) throws Exception {
        Message m = Message.builder().text(text).build();
        producer.send(m).toCompletableFuture().get(30, TimeUnit.SECONDS);
        return m;
    }

    /** Runs the handler in new transactions until one handles a message (a redelivery may wait out its backoff). */
    private Message handleUntilOne(Consumer in, Producer confirmations, Ending ending) throws Exception {
        long end = System.nanoTime() + DEADLINE.toNanos();
        while (System.nanoTime() < end) {
            Optional<Message> handled = orders.handle(in, confirmations, ending);
            if (handled.isPresent()) {
                return handled.get();
            }
        }
        throw new AssertionError("no message handled within " + DEADLINE);
    }

    /** The texts on {@code consumer}'s stream now, acked (outside any transaction). */
    private static List<String> texts(Consumer consumer) throws InterruptedException {
        List<String> texts = new ArrayList<>();
        for (List<Message> batch = consumer.receive(10, Duration.ofMillis(1000)); !batch.isEmpty();
                batch = consumer.receive(10, Duration.ofMillis(300))) {
            for (Message m : batch) {
                texts.add(m.text());
                consumer.ack(m);
            }
        }
        return texts;
    }

    private static boolean causedBy(Throwable t, Class<? extends Throwable> type) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (type.isInstance(c)) {
                return true;
            }
        }
        return false;
    }
}
