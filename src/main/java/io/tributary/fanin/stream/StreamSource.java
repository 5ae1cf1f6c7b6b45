package io.tributary.fanin.stream;

import io.tributary.fanin.Emitter;
import io.tributary.fanin.Source;
import io.tributary.fanin.support.Reconnecting;
import io.tributary.stream.Consumer;
import io.tributary.stream.ConsumerOptions;
import io.tributary.stream.Message;
import io.tributary.stream.StreamException;
import io.tributary.stream.Streams;

import java.util.List;
import java.util.Objects;

/**
 * A {@link Source} over one stream of a {@link Streams} factory (in-memory or JMS): each subscription
 * opens its own {@link Consumer} on the stream, so subscriptions share the stream's messages as
 * competing consumers of a queue do (each message goes to one subscription).
 *
 * <p><b>Delivery.</b> A message is acked once its subscription took it (at least once: a message taken
 * into a subscription's buffer is acked even if the application never polls it; one not yet taken when
 * the share is cancelled is returned to the stream and delivered again).
 *
 * <p><b>Retries.</b> When the stream fails ({@link StreamException}), the source closes its consumer and
 * opens a new one after a backoff, until cancelled (see {@link Reconnecting}).
 *
 * @param <R> the request type, ignored
 */
public final class StreamSource<R> implements Source<R, Message> {

    private final Streams streams;
    private final String stream;
    private final ConsumerOptions options;

    /** A source over {@code stream}; {@code options} set the batch size and how long a receive waits. */
    public StreamSource(Streams streams, String stream, ConsumerOptions options) {
        this.streams = Objects.requireNonNull(streams, "streams must not be null");
        this.stream = Objects.requireNonNull(stream, "stream must not be null");
        this.options = Objects.requireNonNull(options, "options must not be null");
    }

    @Override
    public void run(R request, Emitter<Message> out) throws InterruptedException {
        new Reconnecting<>("stream source '" + stream + "'", StreamException.class).run(out, connected -> {
            try (Consumer consumer = streams.consumer(stream, options)) {
                connected.run();
                pump(consumer, out);
            }
        });
    }

    private static void pump(Consumer consumer, Emitter<Message> out) throws InterruptedException {
        while (!out.isCancelled()) {
            List<Message> batch = consumer.receive();
            for (Message m : batch) {
                if (!out.emit(m)) {
                    return;
                }
                consumer.ack(m);
            }
        }
    }
}
