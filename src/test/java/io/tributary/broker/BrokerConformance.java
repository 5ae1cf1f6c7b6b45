package io.tributary.broker;

import io.tributary.stream.Message;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The {@link Broker} contract, run against every implementation: subclasses say how to create a broker
 * of messages, and may scale the load tests down with {@link #loadEvents()}.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
public abstract class BrokerConformance {

    protected static final Duration SHORT = Duration.ofMillis(50);
    protected static final Duration WAIT = Duration.ofSeconds(10);

    private final List<Broker<Message>> brokers = new ArrayList<>();

    /** A new, empty broker with these bounds; the suite closes it. */
    protected abstract Broker<Message> createBroker(BufferConfig buffer, Eventer eventer);

    protected final Broker<Message> broker(BufferConfig buffer, Eventer eventer) {
        Broker<Message> b = createBroker(buffer, eventer);
        brokers.add(b);
        return b;
    }

    protected final Broker<Message> broker(int capacity) {
        return broker(new BufferConfig(capacity, Math.min(capacity, 100)), Eventer.NONE);
    }

    /** Closes every broker the test created; idempotent, so subclasses may call it before stopping a server. */
    @AfterEach
    protected void closeBrokers() {
        brokers.forEach(Broker::close);
    }

    protected static List<String> texts(Batch<Message> batch) {
        return batch.events().stream().map(Message::text).toList();
    }

    protected static void publish(BrokerProducer<Message> p, String... texts) throws InterruptedException {
        for (String t : texts) {
            p.publish(Message.ofText(t));
        }
    }

    @Test
    void publishedEventsAreDeliveredInOrderAndAckFiresCallbacks() throws Exception {
        AtomicInteger heard = new AtomicInteger();
        Broker<Message> broker = broker(new BufferConfig(10, 10), heard::addAndGet);
        List<Integer> acks = new CopyOnWriteArrayList<>();
        BrokerProducer<Message> p = broker.producer(ProducerConfig.<Message>none().withOnAck(acks::add));
        publish(p, "a", "b", "c");
        try (BrokerConsumer<Message> c = broker.consumer()) {
            Batch<Message> batch = c.get(0, WAIT);
            assertEquals(List.of("a", "b", "c"), texts(batch));
            assertTrue(acks.isEmpty(), "no ACK callback before the ack");
            batch.ack();
            assertEquals(List.of(3), acks);
            assertEquals(3, heard.get());
        }
    }

    @Test
    void getTakesAtMostN() throws Exception {
        Broker<Message> broker = broker(10);
        publish(broker.producer(ProducerConfig.none()), "a", "b", "c");
        try (BrokerConsumer<Message> c = broker.consumer()) {
            Batch<Message> first = c.get(2, WAIT);
            assertEquals(List.of("a", "b"), texts(first));
            Batch<Message> second = c.get(2, WAIT);
            assertEquals(List.of("c"), texts(second));
            first.ack();
            second.ack();
        }
    }

    @Test
    void tryPublishReturnsFalseWhenFull() throws Exception {
        Broker<Message> broker = broker(2);
        BrokerProducer<Message> p = broker.producer(ProducerConfig.none());
        assertTrue(p.tryPublish(Message.ofText("a")));
        assertTrue(p.tryPublish(Message.ofText("b")));
        assertFalse(p.tryPublish(Message.ofText("c")));
        try (BrokerConsumer<Message> c = broker.consumer()) {
            c.get(0, WAIT).ack();
            assertTrue(p.tryPublish(Message.ofText("c")));
            assertEquals(List.of("c"), texts(c.get(0, WAIT)));
        }
    }

    @Test
    void publishWaitsWhileFullUntilAnAckFreesRoom() throws Exception {
        Broker<Message> broker = broker(2);
        BrokerProducer<Message> p = broker.producer(ProducerConfig.none());
        publish(p, "a", "b");
        CompletableFuture<Void> third = CompletableFuture.runAsync(() -> {
            try {
                p.publish(Message.ofText("c"));
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        assertThrows(TimeoutException.class, () -> third.get(SHORT.toMillis(), TimeUnit.MILLISECONDS),
                "publish must wait while the buffer is full");
        try (BrokerConsumer<Message> c = broker.consumer()) {
            c.get(1, WAIT).ack();
            third.get(WAIT.toSeconds(), TimeUnit.SECONDS);
            assertEquals(List.of("b", "c"), texts(c.get(0, WAIT)));
        }
    }

    @Test
    void aBatchIsInvisibleToOtherConsumersUntilAcked() throws Exception {
        Broker<Message> broker = broker(10);
        publish(broker.producer(ProducerConfig.none()), "a", "b");
        try (BrokerConsumer<Message> first = broker.consumer(); BrokerConsumer<Message> second = broker.consumer()) {
            Batch<Message> batch = first.get(0, WAIT);
            assertEquals(2, batch.size());
            assertEquals(0, second.get(0, SHORT).size());
            batch.ack();
            assertEquals(0, second.get(0, SHORT).size());
        }
    }

    @Test
    void aBatchWhoseConsumerClosesUnackedIsDeliveredAgainFirst() throws Exception {
        Broker<Message> broker = broker(10);
        BrokerProducer<Message> p = broker.producer(ProducerConfig.none());
        publish(p, "a", "b");
        BrokerConsumer<Message> first = broker.consumer();
        Batch<Message> taken = first.get(0, WAIT);
        publish(p, "c");
        first.close();
        IllegalStateException late = assertThrows(IllegalStateException.class, taken::ack);
        assertTrue(late.getMessage().contains("delivered again"), late.getMessage());
        try (BrokerConsumer<Message> second = broker.consumer()) {
            List<String> seen = new ArrayList<>(texts(second.get(0, WAIT)));
            if (seen.size() < 3) {
                seen.addAll(texts(second.get(0, WAIT)));
            }
            assertEquals(List.of("a", "b", "c"), seen);
        }
        assertThrows(BrokerClosedException.class, () -> first.get(0, SHORT));
    }

    @Test
    void closingAConsumerEndsItsWaitingGet() throws Exception {
        Broker<Message> broker = broker(10);
        BrokerConsumer<Message> consumer = broker.consumer();
        CompletableFuture<Batch<Message>> waiting = CompletableFuture.supplyAsync(() -> {
            try {
                return consumer.get(0);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        assertThrows(TimeoutException.class, () -> waiting.get(SHORT.toMillis(), TimeUnit.MILLISECONDS));
        consumer.close();
        ExecutionException e = assertThrows(ExecutionException.class, () -> waiting.get(WAIT.toSeconds(), TimeUnit.SECONDS));
        assertTrue(e.getCause() instanceof BrokerClosedException, String.valueOf(e.getCause()));
    }

    @Test
    void ackingTwiceFails() throws Exception {
        Broker<Message> broker = broker(10);
        publish(broker.producer(ProducerConfig.none()), "a");
        try (BrokerConsumer<Message> c = broker.consumer()) {
            Batch<Message> batch = c.get(0, WAIT);
            batch.ack();
            IllegalStateException e = assertThrows(IllegalStateException.class, batch::ack);
            assertTrue(e.getMessage().contains("acked already"), e.getMessage());
        }
    }

    @Test
    void acksOutOfOrderAreReportedInPublishOrder() throws Exception {
        List<Integer> heard = new CopyOnWriteArrayList<>();
        Broker<Message> broker = broker(new BufferConfig(10, 10), heard::add);
        List<Integer> acks = new CopyOnWriteArrayList<>();
        publish(broker.producer(ProducerConfig.<Message>none().withOnAck(acks::add)), "a", "b", "c", "d");
        try (BrokerConsumer<Message> first = broker.consumer(); BrokerConsumer<Message> second = broker.consumer()) {
            Batch<Message> early = first.get(2, WAIT);
            Batch<Message> late = second.get(2, WAIT);
            assertEquals(List.of("c", "d"), texts(late));
            late.ack();
            assertEquals(List.of(), acks, "later events must wait for earlier ones");
            early.ack();
            assertEquals(4, acks.stream().mapToInt(Integer::intValue).sum());
            assertEquals(4, heard.stream().mapToInt(Integer::intValue).sum());
        }
    }

    @Test
    void eachProducerHearsOnlyItsOwnEvents() throws Exception {
        Broker<Message> broker = broker(20);
        AtomicInteger oneAcks = new AtomicInteger();
        AtomicInteger twoAcks = new AtomicInteger();
        BrokerProducer<Message> one = broker.producer(ProducerConfig.<Message>none().withOnAck(oneAcks::addAndGet));
        BrokerProducer<Message> two = broker.producer(ProducerConfig.<Message>none().withOnAck(twoAcks::addAndGet));
        publish(one, "1a");
        publish(two, "2a", "2b");
        publish(one, "1b", "1c", "1d");
        try (BrokerConsumer<Message> c = broker.consumer()) {
            int seen = 0;
            while (seen < 6) {
                Batch<Message> b = c.get(0, WAIT);
                seen += b.size();
                b.ack();
            }
        }
        assertEquals(4, oneAcks.get());
        assertEquals(2, twoAcks.get());
    }

    @Test
    void cancelWithDropOnCancelDropsEventsNoConsumerTook() throws Exception {
        Broker<Message> broker = broker(10);
        List<String> dropped = new CopyOnWriteArrayList<>();
        AtomicInteger acked = new AtomicInteger();
        BrokerProducer<Message> p = broker.producer(new ProducerConfig<Message>(acked::addAndGet,
                m -> dropped.add(m.text()), true));
        BrokerProducer<Message> other = broker.producer(ProducerConfig.none());
        publish(p, "a", "b");
        publish(other, "x");
        publish(p, "c");
        try (BrokerConsumer<Message> c = broker.consumer()) {
            Batch<Message> held = c.get(1, WAIT);
            assertEquals(2, p.cancel());
            assertEquals(List.of("b", "c"), dropped);
            assertEquals(0, p.cancel(), "cancel is idempotent");
            assertThrows(BrokerClosedException.class, () -> p.publish(Message.ofText("d")));
            assertThrows(BrokerClosedException.class, () -> p.tryPublish(Message.ofText("d")));
            held.ack();
            assertEquals(1, acked.get(), "the event a consumer held is still delivered and acked");
            Batch<Message> rest = c.get(0, WAIT);
            assertEquals(List.of("x"), texts(rest));
            rest.ack();
            assertEquals(0, c.get(0, SHORT).size());
        }
    }

    @Test
    void cancelWithoutDropOnCancelKeepsEvents() throws Exception {
        Broker<Message> broker = broker(10);
        List<Message> dropped = new CopyOnWriteArrayList<>();
        BrokerProducer<Message> p = broker.producer(ProducerConfig.<Message>none().withOnDrop(dropped::add));
        publish(p, "a", "b");
        assertEquals(0, p.cancel());
        assertTrue(dropped.isEmpty());
        try (BrokerConsumer<Message> c = broker.consumer()) {
            assertEquals(List.of("a", "b"), texts(c.get(0, WAIT)));
        }
    }

    @Test
    void nullEventsAreRejected() {
        BrokerProducer<Message> p = broker(10).producer(ProducerConfig.none());
        assertThrows(NullPointerException.class, () -> p.publish(null));
        assertThrows(NullPointerException.class, () -> p.tryPublish(null));
    }

    @Test
    void batchSizeAboveTheMaximumIsRejectedNamingTheRange() throws Exception {
        Broker<Message> broker = broker(new BufferConfig(100, 50), Eventer.NONE);
        publish(broker.producer(ProducerConfig.none()), "a");
        try (BrokerConsumer<Message> c = broker.consumer()) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> c.get(51, SHORT));
            assertTrue(e.getMessage().contains("51") && e.getMessage().contains("1 to 50"), e.getMessage());
            assertThrows(IllegalArgumentException.class, () -> c.get(1, Duration.ofSeconds(-1)));
            assertEquals(List.of("a"), texts(c.get(-1, WAIT)), "n <= 0 leaves the size to the broker");
        }
    }

    @Test
    void bufferConfigTellsTheBounds() {
        BufferConfig config = new BufferConfig(64, 16);
        assertEquals(config, broker(config, Eventer.NONE).bufferConfig());
    }

    @Test
    void closeRefusesPublishesAndLetsConsumersDrain() throws Exception {
        Broker<Message> broker = broker(10);
        BrokerProducer<Message> p = broker.producer(ProducerConfig.none());
        publish(p, "a");
        try (BrokerConsumer<Message> c = broker.consumer()) {
            broker.close();
            assertThrows(BrokerClosedException.class, () -> p.publish(Message.ofText("b")));
            Batch<Message> last = c.get(0, WAIT);
            assertEquals(List.of("a"), texts(last));
            last.ack();
            assertThrows(BrokerClosedException.class, () -> c.get(0, WAIT));
        }
    }

    @Test
    void closeWakesBlockedPublishers() throws Exception {
        Broker<Message> broker = broker(1);
        BrokerProducer<Message> p = broker.producer(ProducerConfig.none());
        publish(p, "a");
        CompletableFuture<Void> blocked = CompletableFuture.runAsync(() -> {
            try {
                p.publish(Message.ofText("b"));
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        assertThrows(TimeoutException.class, () -> blocked.get(SHORT.toMillis(), TimeUnit.MILLISECONDS));
        try (BrokerConsumer<Message> c = broker.consumer()) {
            broker.close();
            ExecutionException e = assertThrows(ExecutionException.class,
                    () -> blocked.get(WAIT.toSeconds(), TimeUnit.SECONDS));
            assertTrue(e.getCause() instanceof BrokerClosedException, String.valueOf(e.getCause()));
            assertEquals(List.of("a"), texts(c.get(0, WAIT)));
        }
    }

    /** Events each producer publishes in the load tests. */
    protected int loadEvents() {
        return 20_000;
    }

    @Test
    void manyProducersAndConsumersDeliverEveryEventExactlyOnce() throws Exception {
        int producers = 4;
        int consumers = 3;
        int perProducer = loadEvents();
        AtomicInteger heard = new AtomicInteger();
        Broker<Message> broker = broker(new BufferConfig(512, 64), heard::addAndGet);
        LoadLedger ledger = new LoadLedger(producers * perProducer);
        List<AtomicInteger> acks = new ArrayList<>();
        List<CompletableFuture<Void>> running = new ArrayList<>();
        for (int p = 0; p < producers; p++) {
            AtomicInteger acked = new AtomicInteger();
            acks.add(acked);
            BrokerProducer<Message> producer = broker.producer(ProducerConfig.<Message>none().withOnAck(acked::addAndGet));
            running.add(ledger.publishAll(producer, "p" + p, perProducer));
        }
        for (int c = 0; c < consumers; c++) {
            running.add(ledger.consume(broker, c == 0));
        }
        CompletableFuture.allOf(running.toArray(CompletableFuture[]::new)).get(120, TimeUnit.SECONDS);
        ledger.assertEveryEventAckedOnce(ledger.accepted());
        for (AtomicInteger acked : acks) {
            assertEquals(perProducer, acked.get(), "each producer's ACK callbacks sum to what it published");
        }
        assertEquals(producers * perProducer, heard.get(), "the eventer hears every ack");
    }

    @Test
    void closingTheBrokerDuringLoadLosesNothingAccepted() throws Exception {
        AtomicInteger heard = new AtomicInteger();
        Broker<Message> broker = broker(new BufferConfig(256, 32), heard::addAndGet);
        LoadLedger ledger = new LoadLedger(Integer.MAX_VALUE);
        List<CompletableFuture<Void>> producing = new ArrayList<>();
        for (int p = 0; p < 3; p++) {
            producing.add(ledger.publishAll(broker.producer(ProducerConfig.none()), "p" + p, Integer.MAX_VALUE));
        }
        List<CompletableFuture<Void>> consuming = List.of(ledger.consume(broker, false), ledger.consume(broker, true));
        Deadline.await(WAIT, "some events acked", () -> heard.get() > loadEvents() / 10);
        broker.close();
        for (CompletableFuture<Void> f : producing) {
            ExecutionException e = assertThrows(ExecutionException.class, () -> f.get(60, TimeUnit.SECONDS));
            assertTrue(e.getCause() instanceof BrokerClosedException, String.valueOf(e.getCause()));
        }
        CompletableFuture.allOf(consuming.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
        ledger.assertEveryEventAckedOnce(ledger.accepted());
        assertEquals(ledger.accepted(), heard.get());
    }

    @Test
    void cancellingDuringLoadDropsOrDeliversEveryAcceptedEvent() throws Exception {
        Broker<Message> broker = broker(new BufferConfig(256, 32), Eventer.NONE);
        LoadLedger ledger = new LoadLedger(Integer.MAX_VALUE);
        AtomicInteger acked = new AtomicInteger();
        List<Message> dropped = new CopyOnWriteArrayList<>();
        BrokerProducer<Message> cancelled = broker.producer(
                new ProducerConfig<Message>(acked::addAndGet, dropped::add, true));
        CompletableFuture<Void> producing = ledger.publishAll(cancelled, "p", Integer.MAX_VALUE);
        CompletableFuture<Void> consuming = ledger.consume(broker, false);
        Deadline.await(WAIT, "some events acked", () -> acked.get() > loadEvents() / 10);
        int count = cancelled.cancel();
        assertEquals(count, dropped.size());
        ExecutionException e = assertThrows(ExecutionException.class, () -> producing.get(60, TimeUnit.SECONDS));
        assertTrue(e.getCause() instanceof BrokerClosedException, String.valueOf(e.getCause()));
        Deadline.await(WAIT, "every accepted event acked or dropped",
                () -> acked.get() + dropped.size() == ledger.accepted());
        broker.close();
        consuming.get(60, TimeUnit.SECONDS);
        ledger.assertEveryEventAckedOnce(ledger.accepted() - dropped.size());
        for (Message m : dropped) {
            assertFalse(ledger.wasAcked(m.text()), "dropped and acked: " + m.text());
        }
    }
}
