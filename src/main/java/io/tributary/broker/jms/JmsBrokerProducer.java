package io.tributary.broker.jms;

import io.tributary.broker.BrokerClosedException;
import io.tributary.broker.BrokerException;
import io.tributary.broker.BrokerProducer;
import io.tributary.broker.ProducerConfig;
import io.tributary.stream.Message;
import io.tributary.stream.Producer;
import io.tributary.stream.StreamClosedException;
import io.tributary.stream.StreamException;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A producer of a {@link JmsBroker}: reserves room in the broker's ledger, then sends through a
 * message-stream producer and waits for the broker's confirmation. If the send fails the reservation is
 * forgotten and the caller gets a {@link BrokerException} (the event may or may not be on the queue; if it
 * is, it is delivered). Thread-safe.
 */
final class JmsBrokerProducer implements BrokerProducer<Message> {

    private final JmsBroker broker;
    private final Producer sender;
    private final ProducerConfig<? super Message> config;
    private final Duration confirmTimeout;
    private volatile boolean cancelled;

    /** A producer sending through {@code sender}; a publish waits at most {@code confirmTimeout} for the broker. */
    JmsBrokerProducer(JmsBroker broker, Producer sender, ProducerConfig<? super Message> config,
            Duration confirmTimeout) {
        this.broker = broker;
        this.sender = sender;
        this.config = config;
        this.confirmTimeout = confirmTimeout;
    }

    @Override
    public void publish(Message event) throws InterruptedException {
        Objects.requireNonNull(event, "event must not be null");
        broker.ledger().reserve(this, event);
        try {
            confirm(event, sender.send(event));
        } catch (StreamException e) {
            broker.ledger().abandon(event.id());
            throw translated(event, e);
        } catch (InterruptedException | RuntimeException e) {
            broker.ledger().abandon(event.id());
            throw e;
        }
    }

    @Override
    public boolean tryPublish(Message event) {
        Objects.requireNonNull(event, "event must not be null");
        if (!broker.ledger().tryReserve(this, event)) {
            return false;
        }
        try {
            Optional<CompletionStage<Void>> sent = sender.trySend(event);
            if (sent.isEmpty()) {
                broker.ledger().abandon(event.id());
                return false;
            }
            confirm(event, sent.get());
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            broker.ledger().abandon(event.id());
            throw new BrokerException("interrupted while waiting for the confirmation of event " + event.id()
                    + "; it may or may not be on the queue", e);
        } catch (StreamException e) {
            broker.ledger().abandon(event.id());
            throw translated(event, e);
        } catch (RuntimeException e) {
            broker.ledger().abandon(event.id());
            throw e;
        }
    }

    /** A stream failure as a broker one. */
    private BrokerException translated(Message event, StreamException e) {
        if (e instanceof StreamClosedException) {
            return new BrokerClosedException("broker '" + broker.name() + "' or this producer closed: event "
                    + event.id() + " was not sent");
        }
        return new BrokerException("broker '" + broker.name() + "' could not send event " + event.id() + ": "
                + e.getMessage(), e);
    }

    private void confirm(Message event, CompletionStage<Void> sent) throws InterruptedException {
        try {
            sent.toCompletableFuture().get(confirmTimeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof StreamClosedException) {
                throw new BrokerClosedException("broker '" + broker.name() + "' or this producer closed before event "
                        + event.id() + " was confirmed; it may or may not be on the queue");
            }
            throw new BrokerException("broker '" + broker.name() + "' refused event " + event.id() + ": "
                    + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            throw new BrokerException("broker '" + broker.name() + "' did not confirm event " + event.id() + " within "
                    + confirmTimeout + "; it may or may not be on the queue", e);
        }
    }

    @Override
    public int cancel() {
        return broker.cancel(this);
    }

    ProducerConfig<? super Message> config() {
        return config;
    }

    /** Marks this producer cancelled; false if it was already. */
    synchronized boolean markCancelled() {
        boolean was = cancelled;
        cancelled = true;
        return !was;
    }

    /** Closes the stream producer, waiting for the confirmations of sends in flight. */
    void closeSender() {
        sender.close();
    }

    void checkActive() {
        if (cancelled) {
            throw new BrokerClosedException("this producer of broker '" + broker.name()
                    + "' was cancelled: the event was not accepted");
        }
    }
}
