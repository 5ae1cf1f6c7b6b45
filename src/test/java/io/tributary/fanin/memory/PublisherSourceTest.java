package io.tributary.fanin.memory;

import io.tributary.fanin.AggregatorConformance;
import io.tributary.fanin.Source;
import io.tributary.stream.Message;

import java.util.concurrent.SubmissionPublisher;

/** The aggregator conformance suite over in-process {@link PublisherSource}s. */
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
}
