package io.tributary.stream.jms;

import io.tributary.stream.Consumer;
import io.tributary.stream.ConsumerOptions;
import io.tributary.stream.Message;
import io.tributary.stream.support.DeadLetters;
import io.tributary.stream.support.NackOutcome;
import jakarta.jms.DeliveryMode;
import jakarta.jms.Destination;
import jakarta.jms.JMSException;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.Session;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * What a consumer sends on its own session to settle or refuse messages of one stream, so that it
 * belongs to the session's open transaction (a local one, or the JTA transaction the session is
 * enlisted in): retries to the tail of the stream or, delayed, to its retry queue ({@link RetryMover}),
 * dead letters to its dead-letter stream. Also takes messages at receive and decides which are set aside
 * instead of handed out: refused ones are dead-lettered, and, if asked, a message the broker delivers again
 * after a rollback is deferred to the retry queue for the {@link io.tributary.stream.RedeliveryPolicy}'s
 * delay of the attempt that rolled back, as if that attempt had been nacked.
 *
 * <p>A retry copy carries a new duplicate-detection id {@code id#attempt} and the same
 * {@code tributary_id}; a dead letter {@code id#dead-attempt}. Not thread-safe: it belongs to the user
 * of its session.
 */
final class SettlementSends {

    private static final Logger LOG = Logger.getLogger(SettlementSends.class.getName());

    private final String stream;
    private final ConsumerOptions options;
    private final int maxMessageBytes;
    private final Session session;
    private final Destination queue;
    private final Queue retryQueue;
    private final Queue deadLetterQueue;
    private final MessageProducer sender;
    private final boolean deferRedeliveries;
    private int setAside;

    /**
     * Sends on {@code session} for the consumer of {@code source}.
     *
     * @param deadLetterStream where dead letters go
     * @param maxMessageBytes  the largest body accepted at receive
     * @param deferRedeliveries whether a broker redelivery waits out the policy's delay in the retry queue
     */
    SettlementSends(Session session, ConsumerSource source, String deadLetterStream, ConsumerOptions options,
            int maxMessageBytes, boolean deferRedeliveries) throws JMSException {
        this.stream = source.stream();
        this.options = options;
        this.maxMessageBytes = maxMessageBytes;
        this.session = session;
        this.queue = source.target().open(session);
        this.retryQueue = session.createQueue(stream + RetryMover.SUFFIX);
        this.deadLetterQueue = session.createQueue(deadLetterStream);
        this.sender = session.createProducer(null);
        this.sender.setDeliveryMode(DeliveryMode.PERSISTENT);
        this.deferRedeliveries = deferRedeliveries;
    }

    /**
     * A {@link io.tributary.stream.support.BatchCollector.Source} over {@code consumer}: waits until
     * {@code deadline} for one message, then takes what the client has at hand, up to {@code max}; what is
     * set aside is sent in the session's transaction and counted by {@link #setAside()}.
     */
    List<Message> take(MessageConsumer consumer, int max, long deadline) throws JMSException {
        List<Message> taken = new ArrayList<>();
        for (int received = 0; received < max; received++) {
            jakarta.jms.Message jms = taken.isEmpty() ? receiveBefore(consumer, deadline) : consumer.receiveNoWait();
            if (jms == null) {
                break;
            }
            Message m = accept(jms);
            if (m != null) {
                taken.add(m);
            } else {
                setAside++;
            }
        }
        return taken;
    }

    /** How many messages were set aside since {@link #clearSetAside()}. */
    int setAside() {
        return setAside;
    }

    /** Starts counting set-aside messages from zero. */
    void clearSetAside() {
        setAside = 0;
    }

    private static jakarta.jms.Message receiveBefore(MessageConsumer consumer, long deadline) throws JMSException {
        long millis = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
        return millis > 0 ? consumer.receive(millis) : consumer.receiveNoWait();
    }

    /**
     * The message to hand out, or {@code null} when it was dead-lettered instead: one that cannot be
     * decoded (whatever the reason: any client may have sent it), or whose attempt is past the maximum
     * (dead letters themselves are exempt), or that is deferred.
     */
    private Message accept(jakarta.jms.Message jms) throws JMSException {
        Message m;
        try {
            m = MessageCodec.read(jms, stream, maxMessageBytes);
        } catch (MessageCodec.Unreadable e) {
            deadLetter(MessageCodec.salvage(jms, stream), e.getMessage());
            return null;
        }
        int maxAttempts = options.redelivery().maxAttempts();
        if (m.deliveryAttempt() > maxAttempts && !m.tags().containsKey(Consumer.ORIGIN_TAG)) {
            deadLetter(m, "delivered " + m.deliveryAttempt() + " times, past maxAttempts " + maxAttempts
                    + ", without being settled: its consumers closed or died while handling it");
            return null;
        }
        Optional<Duration> backoff = deferRedeliveries && redelivered(jms)
                ? options.redelivery().retryDelay(m.deliveryAttempt() - 1) : Optional.empty();
        if (backoff.isPresent() && !backoff.get().isZero()) {
            defer(m, backoff.get());
            return null;
        }
        return m;
    }

    private static boolean redelivered(jakarta.jms.Message jms) throws JMSException {
        return jms.propertyExists(MessageCodec.DELIVERY_COUNT) && jms.getIntProperty(MessageCodec.DELIVERY_COUNT) > 1;
    }

    /** Sends what a nack of {@code m} calls for: its retry (attempt + 1, after the policy's delay) or its dead letter. */
    void nack(Message m, String reason) throws JMSException {
        send(NackOutcome.of(m, stream, reason, options.redelivery()));
    }

    /** Puts {@code m} back to the tail of the stream, with attempt + 1 and no delay. */
    void release(Message m) throws JMSException {
        send(new NackOutcome.Retry(m.toBuilder().deliveryAttempt(m.deliveryAttempt() + 1).build(), Duration.ZERO));
    }

    /** Sends {@code m} as it is (its attempt unchanged) to the retry queue, due after {@code delay}. */
    private void defer(Message m, Duration delay) throws JMSException {
        send(new NackOutcome.Retry(m, delay));
    }

    private void send(NackOutcome outcome) throws JMSException {
        if (outcome instanceof NackOutcome.Retry retry) {
            Message m = retry.message();
            jakarta.jms.Message copy = MessageCodec.write(session, m, m.id() + "#" + m.deliveryAttempt(), null);
            if (retry.delay().isZero()) {
                sender.send(queue, copy, DeliveryMode.PERSISTENT, m.priority(), MessageCodec.timeToLive(m));
            } else {
                copy.setLongProperty(MessageCodec.SCHEDULED_DELIVERY, System.currentTimeMillis() + retry.delay().toMillis());
                sender.send(retryQueue, copy, DeliveryMode.PERSISTENT, m.priority(), MessageCodec.timeToLive(m));
            }
        } else if (outcome instanceof NackOutcome.DeadLetter dead) {
            sendDeadLetter(dead.letter());
        }
    }

    private void deadLetter(Message message, String reason) throws JMSException {
        LOG.fine(() -> "dead-lettering message " + message.id() + " of stream '" + stream + "' at receive: " + reason);
        sendDeadLetter(DeadLetters.letter(message, stream, reason));
    }

    private void sendDeadLetter(Message letter) throws JMSException {
        sender.send(deadLetterQueue, MessageCodec.write(session, letter, letter.id() + "#dead-" + letter.deliveryAttempt(),
                null), DeliveryMode.PERSISTENT, letter.priority(), 0);
    }
}
