package io.tributary.http;

import io.tributary.stream.Consumer;
import io.tributary.stream.Message;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The messages of one at-least-once HTTP receive, leased to the caller until {@link #expires()}: an open
 * transacted batch of its own consumer. Each {@link #settle} acks or nacks some (or all) of them with the
 * consumer's meaning (ack: done; nack: retried with backoff, then dead-lettered); when the last one is
 * settled the batch commits. {@link #close()} before that releases every unsettled message for
 * redelivery (its attempt counted), which is what an expired or abandoned lease does. Thread-safe.
 */
final class Lease {

    private final String id;
    private final String stream;
    private final Consumer consumer;
    private final Instant expires;
    private final List<Message> messages;
    private final Map<String, List<Message>> unsettled = new LinkedHashMap<>();
    private boolean closed;

    Lease(String id, Consumer consumer, List<Message> messages, Instant expires) {
        this.id = id;
        this.stream = consumer.stream();
        this.consumer = consumer;
        this.expires = expires;
        this.messages = List.copyOf(messages);
        for (Message m : messages) {
            unsettled.computeIfAbsent(m.id(), k -> new ArrayList<>()).add(m);
        }
    }

    /** The lease id the caller settles with. */
    String id() {
        return id;
    }

    /** The stream the messages came from. */
    String stream() {
        return stream;
    }

    /** The leased messages, in receive order. */
    List<Message> messages() {
        return messages;
    }

    /** When the unsettled messages are released for redelivery. */
    Instant expires() {
        return expires;
    }

    /**
     * Acks or nacks the messages with the given ids, or every unsettled one when {@code ids} is empty.
     *
     * @return the number of messages settled by this call
     * @throws IllegalArgumentException naming an id that is not an unsettled message of this lease (nothing
     *                                  is settled then)
     * @throws Closed                   if the lease was closed (expired) before
     */
    synchronized int settle(Collection<String> ids, boolean ack, String reason) {
        if (closed) {
            throw new Closed();
        }
        List<String> chosen = ids.isEmpty() ? List.copyOf(unsettled.keySet()) : List.copyOf(ids);
        for (String messageId : chosen) {
            if (!unsettled.containsKey(messageId)) {
                throw new IllegalArgumentException("message '" + messageId + "' is not an unsettled message of lease '"
                        + id + "' on stream '" + stream + "': settle each message of the lease once");
            }
        }
        int count = 0;
        for (String messageId : chosen) {
            for (Message m : unsettled.remove(messageId)) {
                if (ack) {
                    consumer.ack(m);
                } else {
                    consumer.nack(m, reason);
                }
                count++;
            }
        }
        return count;
    }

    /** Whether every message is settled (the batch committed). */
    synchronized boolean settled() {
        return unsettled.isEmpty();
    }

    /** The number of messages not settled yet. */
    synchronized int unsettledCount() {
        return unsettled.values().stream().mapToInt(List::size).sum();
    }

    /** Thrown by {@link #settle} after {@link #close()}: the lease's messages are no longer the caller's. */
    static final class Closed extends RuntimeException {
        Closed() {
            super(null, null, false, false);
        }
    }

    /** Closes the consumer: unsettled messages are released for redelivery. Idempotent. */
    synchronized void close() {
        if (!closed) {
            closed = true;
            unsettled.clear();
            consumer.close();
        }
    }
}
