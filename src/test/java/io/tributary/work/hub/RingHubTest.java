package io.tributary.work.hub;

import io.tributary.work.Hub;
import io.tributary.work.Subscription;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RingHubTest {

    private static final Duration NOW = Duration.ZERO;

    @Test
    void publishesTakeTurnsOverTheSubscribers() throws Exception {
        Hub<Integer> hub = new RingHub<>("h");
        Subscription<Integer> a = hub.subscribe(10);
        Subscription<Integer> b = hub.subscribe(10);
        Subscription<Integer> c = hub.subscribe(10);

        for (int i = 0; i < 6; i++) {
            assertTrue(hub.tryPublish(i));
        }

        assertEquals(List.of(0, 3), drain(a));
        assertEquals(List.of(1, 4), drain(b));
        assertEquals(List.of(2, 5), drain(c));
    }

    @Test
    void aFullSubscriberIsSkippedAndWhenAllAreFullNothingIsTaken() throws Exception {
        Hub<Integer> hub = new RingHub<>("h");
        Subscription<Integer> small = hub.subscribe(1);
        Subscription<Integer> big = hub.subscribe(3);

        List<Boolean> taken = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            taken.add(hub.tryPublish(i));
        }

        assertEquals(List.of(true, true, true, true, false), taken);
        assertEquals(List.of(0), drain(small));
        assertEquals(List.of(1, 2, 3), drain(big));
    }

    @Test
    void whenEveryBufferIsFullPublishWaitsForRoomAtTheSubscriberWhoseTurnItIs() throws Exception {
        Hub<Integer> hub = new RingHub<>("h");
        Subscription<Integer> a = hub.subscribe(1);
        Subscription<Integer> b = hub.subscribe(1);
        assertTrue(hub.tryPublish(1));
        assertTrue(hub.tryPublish(2));
        java.util.concurrent.CompletableFuture<Boolean> third = new java.util.concurrent.CompletableFuture<>();
        Thread publisher = new Thread(() -> {
            try {
                third.complete(hub.publish(3, Duration.ofSeconds(20)));
            } catch (InterruptedException e) {
                third.completeExceptionally(e);
            }
        });
        publisher.start();
        io.tributary.work.Eventually.holds("publish waits", () -> io.tributary.work.Eventually.isWaiting(publisher));

        assertEquals(1, a.poll(NOW));

        assertTrue(third.get(20, TimeUnit.SECONDS));
        assertEquals(List.of(3), drain(a), "a's turn came round again");
        assertEquals(List.of(2), drain(b));
    }

    @Test
    void withoutSubscribersNothingIsTaken() throws Exception {
        Hub<String> hub = new RingHub<>("h");
        assertFalse(hub.tryPublish("a"));
        assertFalse(hub.publish("a", Duration.ofSeconds(20)));
    }

    @Test
    void anOverwritingSubscriberReportsWhatItDrops() throws Exception {
        Hub<Integer> hub = new RingHub<>("h");
        List<Integer> drops = new ArrayList<>();
        Subscription<Integer> s = hub.subscribe(2, drops::add);

        for (int i = 0; i < 5; i++) {
            assertTrue(hub.tryPublish(i));
        }

        assertEquals(List.of(0, 1, 2), drops);
        assertEquals(3, s.dropped());
        assertEquals(List.of(3, 4), drain(s));
    }

    @Test
    void unsubscribeHandsBackTheBufferAndLeavesTheTurn() throws Exception {
        Hub<Integer> hub = new RingHub<>("h");
        Subscription<Integer> a = hub.subscribe(10);
        Subscription<Integer> b = hub.subscribe(10);
        hub.tryPublish(1);
        hub.tryPublish(2);

        assertEquals(List.of(1), a.unsubscribe());
        assertEquals(List.of(), a.unsubscribe());
        hub.tryPublish(3);

        assertEquals(1, hub.subscribers());
        assertEquals(List.of(2, 3), drain(b));
        assertNull(a.poll(NOW));
    }

    @Test
    void manyPublishersAndSubscribersDeliverEveryElementExactlyOnce() throws Exception {
        Hub<Integer> hub = new RingHub<>("h");
        int publishers = 4;
        int each = 5_000;
        List<Subscription<Integer>> subs = List.of(hub.subscribe(16), hub.subscribe(16), hub.subscribe(16));
        Set<Integer> received = ConcurrentHashMap.newKeySet();
        List<Integer> duplicates = new ArrayList<>();
        CountDownLatch all = new CountDownLatch(publishers * each);
        List<Thread> threads = new ArrayList<>();
        for (Subscription<Integer> s : subs) {
            threads.add(new Thread(() -> {
                try {
                    while (all.getCount() > 0) {
                        Integer e = s.poll(Duration.ofMillis(10));
                        if (e != null) {
                            if (!received.add(e)) {
                                synchronized (duplicates) {
                                    duplicates.add(e);
                                }
                            }
                            all.countDown();
                        }
                    }
                } catch (InterruptedException ignored) {
                    Thread.currentThread().interrupt();
                }
            }));
        }
        for (int p = 0; p < publishers; p++) {
            int base = p * each;
            threads.add(new Thread(() -> {
                for (int i = 0; i < each; i++) {
                    try {
                        assertTrue(hub.publish(base + i, Duration.ofSeconds(20)));
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
            }));
        }
        threads.forEach(Thread::start);

        assertTrue(all.await(20, TimeUnit.SECONDS), "missing " + all.getCount());
        for (Thread t : threads) {
            t.join(20_000);
        }
        assertEquals(List.of(), duplicates);
        assertEquals(publishers * each, received.size());
    }

    @Test
    void badInputAndAClosedHubGetClearErrors() {
        Hub<String> hub = new RingHub<>("h");
        assertThrows(IllegalArgumentException.class, () -> hub.subscribe(0));
        assertThrows(IllegalArgumentException.class, () -> hub.subscribe(-5, e -> { }));
        assertThrows(NullPointerException.class, () -> hub.subscribe(1, null));
        assertThrows(NullPointerException.class, () -> hub.tryPublish(null));

        hub.close();

        IllegalStateException e = assertThrows(IllegalStateException.class, () -> hub.tryPublish("a"));
        assertTrue(e.getMessage().contains("closed"), e.getMessage());
        assertThrows(IllegalStateException.class, () -> hub.subscribe(1));
    }

    private static <E> List<E> drain(Subscription<E> s) throws InterruptedException {
        List<E> out = new ArrayList<>();
        for (E e; (e = s.poll(NOW)) != null; ) {
            out.add(e);
        }
        return out;
    }
}
