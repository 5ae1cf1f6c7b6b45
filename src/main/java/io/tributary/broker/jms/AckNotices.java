package io.tributary.broker.jms;

import io.tributary.stream.StreamClosedException;
import io.tributary.stream.jms.ConnectionSupervisor;
import io.tributary.stream.jms.Reopening;
import io.tributary.supervision.LoopHealth;
import jakarta.jms.JMSException;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The ack notices of one broker: written by consumers into their batch transaction, heard by every
 * broker instance but the writer's (which applies its own acks at once).
 *
 * <p>A notice is a persistent {@code TextMessage} on the topic {@code <broker>.acks} whose body lists the
 * acked message ids, one a line (ids hold no control characters), with the writer's instance id in the
 * property {@value #ORIGIN}. Each instance reads them from a durable subscription of its own
 * ({@code <broker>.acks.<instance id>}, see {@link NoticeSubscription}), so a notice written while it is
 * disconnected is kept and read after the reconnection: no ledger entry waits forever for a lost notice.
 *
 * <p><b>The listener loop</b> runs on a thread of its own, on the supervised connection: it re-subscribes
 * on the connection the supervisor re-created, survives any failure by backing off (its
 * {@link LoopHealth} shows {@code RECOVERING} in readiness meanwhile) and logs each change of state once.
 * A notice that cannot be read is skipped. {@link #close()} waits for the loop (which checks every
 * {@value #POLL_MILLIS} ms, or after its backoff) at most {@value #CLOSE_WAIT_SECONDS} s and deletes the
 * subscription; an instance that dies leaves
 * its subscription on the broker (it stops growing once no consumer acks any more; delete it with the
 * broker's tools).
 */
final class AckNotices implements AutoCloseable {

    /** The property naming the broker instance that wrote a notice. */
    static final String ORIGIN = "tributary_broker_origin";

    private static final Logger LOG = Logger.getLogger(AckNotices.class.getName());
    private static final long POLL_MILLIS = 200;
    private static final long CLOSE_WAIT_SECONDS = 10;

    private final String origin = UUID.randomUUID().toString();
    private final String broker;
    private final String topic;
    private final Consumer<List<String>> listener;
    private final Reopening<NoticeSubscription> subscription;
    private final LoopHealth health;
    private final Thread loop;
    private volatile boolean closed;

    /**
     * Subscribes to the notices of other instances (at once: a broker that cannot be reached fails here)
     * and starts the listener thread; {@code listener} receives their acked ids.
     */
    AckNotices(ConnectionSupervisor supervisor, String broker, Consumer<List<String>> listener) throws JMSException {
        this.broker = broker;
        this.topic = broker + ".acks";
        this.listener = listener;
        String name = topic + "." + origin;
        this.subscription = new Reopening<>(supervisor, "ack-notice subscription " + name,
                c -> new NoticeSubscription(c, topic, name, origin));
        this.health = LoopHealth.start("ack notices of broker '" + broker + "'");
        this.loop = new Thread(this::listen, "tributary-broker-acks-" + broker);
        loop.setDaemon(true);
        loop.start();
    }

    /** Sends the notice for {@code ids} in {@code session}'s transaction. */
    void write(Session session, List<String> ids) throws JMSException {
        TextMessage notice = session.createTextMessage(String.join("\n", ids));
        notice.setStringProperty(ORIGIN, origin);
        MessageProducer producer = session.createProducer(session.createTopic(topic));
        try {
            producer.send(notice);
        } finally {
            producer.close();
        }
    }

    private void listen() {
        while (!closed) {
            try {
                Optional<NoticeSubscription> current = subscription.current(Duration.ofMillis(POLL_MILLIS));
                if (current.isPresent()) {
                    current.get().next(POLL_MILLIS).ifPresent(listener);
                    health.succeeded();
                }
            } catch (InterruptedException | StreamClosedException e) {
                return;
            } catch (JMSException | RuntimeException e) {
                if (!closed && !pause(health.failed(e))) {
                    return;
                }
            }
        }
    }

    /** Waits {@code delay}; false if interrupted (closing). */
    private static boolean pause(Duration delay) {
        try {
            TimeUnit.NANOSECONDS.sleep(delay.toNanos());
            return true;
        } catch (InterruptedException e) {
            return false;
        }
    }

    /** Stops listening within a bound and deletes this instance's subscription. Idempotent. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            loop.join(TimeUnit.SECONDS.toMillis(CLOSE_WAIT_SECONDS));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            Optional<NoticeSubscription> last = subscription.held();
            if (last.isPresent()) {
                last.get().unsubscribe();
            }
        } catch (JMSException | RuntimeException e) {
            LOG.log(Level.FINE, "broker '" + broker + "': deleting the ack-notice subscription failed", e);
        } finally {
            subscription.close();
            health.close();
        }
    }

    @Override
    public String toString() {
        return "AckNotices[" + topic + ", origin " + origin + "]";
    }
}
