package io.tributary.messaging;

import io.tributary.stream.Consumer;
import io.tributary.stream.ConsumerOptions;
import io.tributary.stream.Producer;
import io.tributary.stream.Streams;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.spi.Connector;
import org.eclipse.microprofile.reactive.messaging.spi.IncomingConnectorFactory;
import org.eclipse.microprofile.reactive.messaging.spi.OutgoingConnectorFactory;
import org.eclipse.microprofile.reactive.streams.operators.PublisherBuilder;
import org.eclipse.microprofile.reactive.streams.operators.ReactiveStreams;
import org.eclipse.microprofile.reactive.streams.operators.SubscriberBuilder;

/**
 * The {@code tributary-jms} Reactive Messaging connector over Tributary {@link Streams}.
 *
 * <p>Incoming: one transacted {@link Consumer} per channel -- of the stream of a {@code queue://}
 * destination, or of the {@link io.tributary.stream.Subscription} of a {@code topic://} one -- pulled on
 * demand (see {@link InboundBatches}) on one receiver thread of its own, so a waiting receive never
 * blocks the caller: {@code ack()} settles, {@code nack(reason)} retries with backoff then dead-letters.
 * At most {@code max-in-flight} messages are out and unsettled at once, those of one key one after
 * another in stream order; at most one batch is pulled ahead of the application. Incoming messages are
 * {@link TributaryMessage}s with an {@link IncomingMetadata}. Each incoming channel is listed in
 * {@link InboundChannels}, where the console sees and pauses it ({@link InboundChannel}).
 *
 * <p>Outgoing: to a stream, or published to a topic. Every message is sent with the producer's confirmed
 * send (in-flight window) and acked only once the broker confirmed it; a failed send nacks it. Key,
 * tags, priority, delay and time to live come from the message's {@link OutgoingMetadata}.
 *
 * <p><b>Failures.</b> A failed receive never ends an incoming channel: it backs off and receives again
 * (see {@link InboundBatches}), and readiness lists the channel as {@code RECOVERING} meanwhile
 * ({@link io.tributary.supervision.Loops}). The channel's stream ends only when the application stops.
 *
 * <p>Channel attributes: {@link ChannelAttribute}, validated by {@link ChannelSettings}; a bad one fails
 * the application's start-up. Thread-safe; closes its consumers and producers when the application stops.
 */
@ApplicationScoped
@Connector(TributaryConnector.NAME)
public class TributaryConnector implements IncomingConnectorFactory, OutgoingConnectorFactory {

    /** The connector name for {@code mp.messaging.*.<channel>.connector}. */
    public static final String NAME = "tributary-jms";
    private static final Logger LOG = Logger.getLogger(TributaryConnector.class.getName());

    private final Streams streams;
    private final InboundChannels channels;
    private final List<AutoCloseable> open = new CopyOnWriteArrayList<>();

    /** Creates the connector over the application's streams, listing its incoming channels in {@code channels}. */
    @Inject
    public TributaryConnector(Streams streams, InboundChannels channels) {
        this.streams = streams;
        this.channels = channels;
    }

    /** For CDI proxies only. */
    protected TributaryConnector() {
        this.streams = null;
        this.channels = null;
    }

    @Override
    public PublisherBuilder<? extends Message<?>> getPublisherBuilder(Config config) {
        ChannelSettings settings = ChannelSettings.from(config);
        ConsumerOptions options = settings.consumerOptions(streams.defaultConsumerOptions());
        Consumer consumer = settings.topic() ? streams.subscriber(settings.subscription(), options)
                : streams.consumer(settings.name(), options);
        InboundBatches batches = new InboundBatches(settings.channel(), consumer, settings.batchSize(),
                settings.maxInFlight());
        ExecutorService receiver = Executors.newSingleThreadExecutor(
                r -> daemon(r, "tributary-jms-" + settings.channel()));
        channels.add(batches);
        open.add(() -> {
            channels.remove(batches);
            batches.stop();
            receiver.submit(batches::close);
            receiver.shutdown();
        });
        LOG.info(() -> "channel '" + settings.channel() + "' receives from stream " + consumer.stream()
                + ", " + settings.maxInFlight() + " at once");
        return ReactiveStreams.generate(() -> settings)
                .flatMapCompletionStage(s -> batches.handOut(receiver));
    }

    @Override
    public SubscriberBuilder<? extends Message<?>, Void> getSubscriberBuilder(Config config) {
        ChannelSettings settings = ChannelSettings.from(config);
        Producer producer = settings.topic() ? streams.publisher(settings.name()) : streams.producer(settings.name());
        open.add(producer);
        LOG.info(() -> "channel '" + settings.channel() + "' sends to " + (settings.topic() ? "topic " : "stream ")
                + settings.name());
        return ReactiveStreams.<Message<?>>builder()
                .flatMapCompletionStage(m -> send(producer, m))
                .ignore();
    }

    /** Closes every consumer and producer this connector opened. */
    @PreDestroy
    void close() {
        for (AutoCloseable c : open) {
            try {
                c.close();
            } catch (Exception e) {
                LOG.warning(() -> "closing a channel failed: " + e);
            }
        }
        open.clear();
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    static CompletionStage<Message<?>> send(Producer producer, Message<?> message) {
        CompletionStage<Void> sent;
        try {
            sent = producer.send(toTributary(message));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            sent = CompletableFuture.failedFuture(e);
        } catch (RuntimeException e) {
            sent = CompletableFuture.failedFuture(e);
        }
        return sent.handle((ok, error) -> error)
                .thenCompose(error -> error == null ? message.ack() : message.nack(error))
                .thenApply(done -> message);
    }

    static io.tributary.stream.Message toTributary(Message<?> message) {
        io.tributary.stream.Message.Builder b = io.tributary.stream.Message.builder();
        Object payload = message.getPayload();
        if (payload instanceof String text) {
            b.text(text);
        } else if (payload instanceof byte[] bytes) {
            b.value(bytes);
        } else {
            throw new IllegalArgumentException("payload type " + (payload == null ? "null"
                    : payload.getClass().getName()) + " is not allowed: send String or byte[]");
        }
        if (message instanceof TributaryMessage<?> tm) {
            tm.outgoing().orElseGet(() -> OutgoingMetadata.builder().key(tm.key()).tags(tm.tags()).build()).applyTo(b);
        }
        return b.build();
    }
}
