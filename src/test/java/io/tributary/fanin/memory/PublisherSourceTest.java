package io.tributary.fanin.memory;

import io.tributary.fanin.AggregatorConformance;
import io.tributary.fanin.ConsumeOptions;
import io.tributary.fanin.Source;
import io.tributary.fanin.Subscription;
import io.tributary.stream.Message;
import io.tributary.testing.Deadlines;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.SubmissionPublisher;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** The aggregator conformance suite over in-process {@link PublisherSource}s, and the source's own cases. */
class PublisherSourceTest extends AggregatorConformance {

    @Override
    protected Feed createFeed(String name) {
        SubmissionPublisher<Message> publisher = new SubmissionPublisher<>();
        PublisherSource<String, Message> source = new PublisherSource<>(publisher, 16);
        return new Feed() {
            @Override
            public Source<String, Message> source() {
                return source;
            }

            @Override
            public void publish(String text) {
                publisher.submit(Message.ofText(text));
            }

            @Override
            public int subscribers() {
                return publisher.getNumberOfSubscribers();
            }

            @Override
            public void close() {
                publisher.close();
            }
        };
    }

    @Test
    void aSourceRemovedBeforeItsFlowSubscriptionArrivesCancelsItWhenItArrives() throws Exception {
        ThreadPoolExecutor shares = (ThreadPoolExecutor) Executors.newCachedThreadPool();
        List<Runnable> held = new CopyOnWriteArrayList<>();
        Executor heldUntilReleased = held::add;
        SubmissionPublisher<Message> publisher = new SubmissionPublisher<>(heldUntilReleased, 16);
        try (MemoryAggregator<String, Message> late = new MemoryAggregator<>("late", shares, 4, 4)) {
            late.addSource("late", new PublisherSource<>(publisher, 16));
            Subscription<Message> subscription = late.consume("all", ConsumeOptions.DEFAULTS);
            Deadlines.await(() -> publisher.getNumberOfSubscribers() == 1 && !held.isEmpty(), WAIT,
                    "the share subscribed, its onSubscribe held by the publisher's executor");
            assertTrue(late.removeSource("late"));
            Deadlines.await(() -> shares.getActiveCount() == 0, WAIT, "the share of the removed source ended");
            held.forEach(Runnable::run);
            Deadlines.await(() -> publisher.getNumberOfSubscribers() == 0, WAIT,
                    "the Flow subscription that arrived after the share ended is cancelled");
            subscription.close();
        } finally {
            shares.shutdownNow();
            assertTrue(shares.awaitTermination(WAIT.toSeconds(), TimeUnit.SECONDS));
        }
    }
}
