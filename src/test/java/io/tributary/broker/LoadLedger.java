package io.tributary.broker;

import io.tributary.stream.Message;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Load for the broker conformance tests: producers publishing numbered events, consumers taking batches
 * of random sizes (one of them closing itself now and then with a batch un-acked), and the ledger of what
 * was accepted and acked.
 */
final class LoadLedger {

    private final int expected;
    private final AtomicInteger accepted = new AtomicInteger();
    private final AtomicInteger ackedTotal = new AtomicInteger();
    private final Map<String, AtomicInteger> acked = new ConcurrentHashMap<>();

    /** A ledger whose consumers stop after {@code expected} acked events (or when the broker is closed and empty). */
    LoadLedger(int expected) {
        this.expected = expected;
    }

    int accepted() {
        return accepted.get();
    }

    boolean wasAcked(String text) {
        return acked.containsKey(text);
    }

    CompletableFuture<Void> publishAll(BrokerProducer<Message> producer, String name, int count) {
        return CompletableFuture.runAsync(() -> {
            try {
                for (int i = 0; i < count; i++) {
                    producer.publish(Message.ofText(name + "-" + i));
                    accepted.incrementAndGet();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }, command -> new Thread(command, "load-" + name).start());
    }

    CompletableFuture<Void> consume(Broker<Message> broker, boolean abandonSometimes) {
        return CompletableFuture.runAsync(() -> {
            BrokerConsumer<Message> consumer = broker.consumer();
            try {
                while (ackedTotal.get() < expected) {
                    Batch<Message> batch = consumer.get(ThreadLocalRandom.current().nextInt(0, 33), Duration.ofMillis(20));
                    if (abandonSometimes && batch.size() > 0 && ThreadLocalRandom.current().nextInt(20) == 0) {
                        BrokerConsumer<Message> abandoned = consumer;
                        consumer = broker.consumer();
                        abandoned.close();
                        continue;
                    }
                    batch.ack();
                    for (Message m : batch.events()) {
                        acked.computeIfAbsent(m.text(), k -> new AtomicInteger()).incrementAndGet();
                    }
                    ackedTotal.addAndGet(batch.size());
                }
            } catch (BrokerClosedException closedAndEmpty) {
                return;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            } finally {
                consumer.close();
            }
        }, command -> new Thread(command, "load-consumer").start());
    }

    void assertEveryEventAckedOnce(int events) {
        assertEquals(events, acked.size(), "distinct events acked");
        acked.forEach((text, n) -> {
            if (n.get() != 1) {
                fail(text + " was acked " + n.get() + " times");
            }
        });
    }
}
