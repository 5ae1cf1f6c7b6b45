package io.tributary.fanin;

import io.tributary.broker.Deadline;
import io.tributary.fanin.memory.MemoryAggregator;
import io.tributary.stream.Message;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The {@link StreamAggregator} contract, run against every kind of source: subclasses provide
 * {@link Feed}s, topic-like sources whose every subscription receives every item published while it is
 * subscribed. The aggregator is the in-process one; the sources differ.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
public abstract class AggregatorConformance {

    protected static final Duration SHORT = Duration.ofMillis(50);
    protected static final Duration WAIT = Duration.ofSeconds(10);

    /** A topic-like source and a way to publish to it. */
    protected interface Feed extends AutoCloseable {
        /** The source over this feed. */
        Source<String, Message> source();

        /** Publishes to every subscription currently subscribed. */
        void publish(String text) throws Exception;

        /** How many subscriptions are subscribed now. */
        int subscribers() throws Exception;

        @Override
        void close() throws Exception;
    }

    /** A new feed named {@code name}; the suite closes it. */
    protected abstract Feed createFeed(String name) throws Exception;

    private final List<Feed> feeds = new ArrayList<>();
    private final List<Subscription<Message>> subscriptions = new ArrayList<>();
    protected final MemoryAggregator<String, Message> aggregator = new MemoryAggregator<>("test");

    protected final Feed feed(String name) throws Exception {
        Feed f = createFeed(name);
        feeds.add(f);
        return f;
    }

    /**
     * Closes the aggregator, drains every subscription until it is done (so every source has returned)
     * and closes the feeds; idempotent, so subclasses may call it before stopping a server.
     */
    @AfterEach
    protected void closeAll() throws Exception {
        aggregator.close();
        for (Subscription<Message> s : subscriptions) {
            long end = System.nanoTime() + WAIT.toNanos();
            while (!s.isDone() && System.nanoTime() < end) {
                s.poll(SHORT);
            }
            assertTrue(s.isDone(), "every source of a closed subscription returns");
        }
        subscriptions.clear();
        for (Feed f : feeds) {
            f.close();
        }
        feeds.clear();
    }

    /** A subscription the suite drains and checks at the end. */
    protected final Subscription<Message> subscribe(ConsumeOptions options) {
        Subscription<Message> s = aggregator.consume("all", options);
        subscriptions.add(s);
        return s;
    }

    protected static void awaitSubscribers(Feed feed, int n) throws InterruptedException {
        Deadline.await(WAIT, n + " subscriber(s)", () -> {
            try {
                return feed.subscribers() == n;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    protected static List<String> take(Subscription<Message> s, int n) throws InterruptedException {
        List<String> out = new ArrayList<>();
        long end = System.nanoTime() + WAIT.toNanos();
        while (out.size() < n && System.nanoTime() < end) {
            s.poll(SHORT).ifPresent(m -> out.add(m.text()));
        }
        return out;
    }

    private Subscription<Message> open() {
        return subscribe(ConsumeOptions.DEFAULTS);
    }

    /** A new feed added to the aggregator as a source under its name. */
    private Feed source(String name) throws Exception {
        Feed f = feed(name);
        aggregator.addSource(name, f.source());
        return f;
    }

    private static void awaitSubscribers(int n, Feed... all) throws InterruptedException {
        for (Feed f : all) {
            awaitSubscribers(f, n);
        }
    }

    @Test
    void everySubscriptionReceivesFromEverySource() throws Exception {
        Feed a = source("a");
        Feed b = source("b");
        Subscription<Message> one = open();
        Subscription<Message> two = open();
        awaitSubscribers(2, a, b);
        a.publish("a1");
        b.publish("b1");
        assertEquals(Set.of("a1", "b1"), new HashSet<>(take(one, 2)));
        assertEquals(Set.of("a1", "b1"), new HashSet<>(take(two, 2)));
    }

    @Test
    void aSourceAddedLaterWritesToEveryCurrentSubscription() throws Exception {
        Subscription<Message> one = open();
        Subscription<Message> two = open();
        Feed late = source("late");
        awaitSubscribers(2, late);
        late.publish("x");
        assertEquals(List.of("x"), take(one, 1));
        assertEquals(List.of("x"), take(two, 1));
    }

    @Test
    void removingASourceStopsItForEverySubscription() throws Exception {
        Feed gone = source("gone");
        Feed kept = source("kept");
        Subscription<Message> one = open();
        Subscription<Message> two = open();
        awaitSubscribers(2, gone, kept);
        assertTrue(aggregator.removeSource("gone"));
        assertFalse(aggregator.removeSource("gone"));
        awaitSubscribers(gone, 0);
        gone.publish("late");
        kept.publish("k");
        assertEquals(List.of("k"), take(one, 1));
        assertEquals(List.of("k"), take(two, 1));
        assertEquals(Optional.empty(), one.poll(SHORT));
    }

    @Test
    void closingASubscriptionCancelsItsSharesAndCompletesIt() throws Exception {
        Feed a = source("a");
        Feed b = source("b");
        Subscription<Message> closing = open();
        Subscription<Message> staying = open();
        awaitSubscribers(2, a, b);
        closing.close();
        awaitSubscribers(1, a, b);
        Deadline.await(WAIT, "the closed subscription completes", closing::isDone);
        a.publish("after");
        assertEquals(List.of("after"), take(staying, 1));
        assertFalse(staying.isDone());
    }

    @Test
    void itemsOfOneSourceKeepTheirOrderThroughASmallBuffer() throws Exception {
        Feed a = source("a");
        Subscription<Message> s = subscribe(new ConsumeOptions(2));
        awaitSubscribers(a, 1);
        List<String> sent = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            sent.add("m" + i);
        }
        Thread publisher = new Thread(() -> {
            try {
                for (String text : sent) {
                    a.publish(text);
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        publisher.start();
        assertEquals(sent, take(s, sent.size()));
        publisher.join(WAIT.toMillis());
    }

    @Test
    void manySourcesAndSubscriptionsAtOnce() throws Exception {
        int sources = 3;
        int items = 100;
        List<Feed> all = new ArrayList<>();
        for (int i = 0; i < sources; i++) {
            all.add(source("f" + i));
        }
        List<Subscription<Message>> subs = List.of(open(), open(), open());
        for (Feed f : all) {
            awaitSubscribers(f, subs.size());
        }
        List<Thread> publishers = new ArrayList<>();
        for (int i = 0; i < sources; i++) {
            Feed f = all.get(i);
            String prefix = "f" + i + "-";
            Thread t = new Thread(() -> {
                try {
                    for (int n = 0; n < items; n++) {
                        f.publish(prefix + n);
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            publishers.add(t);
            t.start();
        }
        for (Subscription<Message> s : subs) {
            List<String> got = take(s, sources * items);
            assertEquals(sources * items, new HashSet<>(got).size(), "every item of every source, once");
        }
        for (Thread t : publishers) {
            t.join(WAIT.toMillis());
        }
    }

    @Test
    void duplicateKeysAreRejectedNamingTheKey() throws Exception {
        Feed a = source("a");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> aggregator.addSource("a", a.source()));
        assertTrue(e.getMessage().contains("'a' is present already"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> aggregator.addSource(" ", a.source()));
        assertThrows(NullPointerException.class, () -> aggregator.addSource("b", null));
    }

    @Test
    void badOptionsAreRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new ConsumeOptions(0));
        assertTrue(e.getMessage().contains("buffer length 0"), e.getMessage());
        assertThrows(NullPointerException.class, () -> aggregator.consume("all", null));
    }

    @Test
    void aSubscriptionBuffersAtMostItsLengthAndTheSourceWaits() throws Exception {
        AtomicInteger taken = new AtomicInteger();
        CountDownLatch returned = new CountDownLatch(1);
        aggregator.addSource("counter", (request, out) -> {
            try {
                while (out.emit(Message.ofText("n" + taken.get()))) {
                    taken.incrementAndGet();
                }
            } finally {
                returned.countDown();
            }
        });
        Subscription<Message> s = subscribe(new ConsumeOptions(3));
        Deadline.await(WAIT, "the buffer fills", () -> taken.get() == 3);
        assertEquals(3, taken.get(), "the source waits while the buffer is full");
        assertEquals("n0", s.poll(WAIT).orElseThrow().text());
        Deadline.await(WAIT, "one more taken", () -> taken.get() == 4);
        s.close();
        assertTrue(returned.await(WAIT.toSeconds(), TimeUnit.SECONDS), "the cancelled source returns");
        assertFalse(s.isDone(), "buffered items are still pollable");
        assertEquals(List.of("n1", "n2", "n3"), take(s, 3));
        Deadline.await(WAIT, "done once drained and the source returned", s::isDone);
    }

    @Test
    void aSubscriptionCompletesOnlyOnceEverySourceReturned() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        aggregator.addSource("slow", (request, out) -> {
            out.awaitCancelled(WAIT);
            release.await();
        });
        Subscription<Message> s = open();
        s.close();
        assertFalse(s.isDone(), "the slow source has not returned");
        release.countDown();
        Deadline.await(WAIT, "done after the source returned", s::isDone);
    }

    @Test
    void aFailingSourceEndsOnlyItsOwnShare() throws Exception {
        aggregator.addSource("broken", (request, out) -> {
            throw new IllegalStateException("broken on purpose");
        });
        Feed ok = source("ok");
        Subscription<Message> s = open();
        awaitSubscribers(ok, 1);
        ok.publish("fine");
        assertEquals(List.of("fine"), take(s, 1));
    }
}
