package io.tributary.http;

import io.tributary.stream.Consumer;
import io.tributary.stream.Message;
import io.tributary.stream.Streams;
import jakarta.ws.rs.core.Response;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The open leases of the HTTP bridge's at-least-once receive (the model of SQS's visibility timeout and
 * Kafka's REST proxy): a receive opens a consumer, takes a batch and leases it under a new id for the
 * lease time; the caller settles it later by id ({@link #settle}); a lease not settled in time expires
 * and its unsettled messages are released for redelivery. A message is thus never lost when an HTTP
 * answer is: it comes again (at least once).
 *
 * <p>Bounded: at most {@code maxLeases} are open at once (each holds a broker session); a receive beyond
 * that is refused with 429 and takes nothing. A lease is forgotten once fully settled, expired or closed,
 * so ids of the past answer 404. One daemon thread expires leases. {@link #close()} releases every open
 * lease and returns. Thread-safe.
 */
final class Leases implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(Leases.class.getName());

    private final Streams streams;
    private final Duration leaseTime;
    private final int maxLeases;
    private final Map<String, Lease> open = new ConcurrentHashMap<>();
    private final ScheduledExecutorService expiry = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "tributary-http-lease-expiry");
        t.setDaemon(true);
        return t;
    });
    private int reserved;
    private boolean closed;

    Leases(Streams streams, Duration leaseTime, int maxLeases) {
        this.streams = streams;
        this.leaseTime = leaseTime;
        this.maxLeases = maxLeases;
    }

    /**
     * Receives up to {@code max} messages of {@code stream}, waiting up to {@code wait} for the first, and
     * leases them.
     *
     * @return the lease, or empty when no message came (nothing is held then)
     * @throws Refused 429 when {@code maxLeases} leases are open
     */
    Optional<Lease> receive(String stream, int max, Duration wait) throws InterruptedException {
        reserve(stream);
        Consumer consumer = null;
        Lease leased = null;
        try {
            consumer = streams.consumer(stream);
            List<Message> batch = consumer.receive(max, wait);
            if (batch.isEmpty()) {
                closeAndRelease(consumer);
                return Optional.empty();
            }
            Lease lease = new Lease(UUID.randomUUID().toString(), consumer, batch, Instant.now().plus(leaseTime));
            leased = lease;
            open.put(lease.id(), lease);
            expiry.schedule(() -> expire(lease), leaseTime.toMillis(), TimeUnit.MILLISECONDS);
            return Optional.of(lease);
        } catch (InterruptedException | RuntimeException e) {
            if (leased == null) {
                closeAndRelease(consumer);
            } else {
                forget(leased);
            }
            throw e;
        }
    }

    /** Closes a consumer that holds no lease (if any) and frees its slot, whatever the close throws. */
    private void closeAndRelease(Consumer consumer) {
        try {
            if (consumer != null) {
                consumer.close();
            }
        } finally {
            release();
        }
    }

    /**
     * Acks ({@code ack}) or nacks with {@code reason} the messages {@code ids} of lease {@code leaseId}
     * of {@code stream}, every unsettled one if {@code ids} is empty. A lease whose last message is settled
     * commits and is forgotten.
     *
     * @return how many messages this call settled and how many stay unsettled
     * @throws Refused                 404 if no such lease is open on {@code stream} (unknown, settled,
     *                                  expired: its messages then come again)
     * @throws IllegalArgumentException naming an id that is not an unsettled message of the lease
     */
    Settled settle(String stream, String leaseId, Collection<String> ids, boolean ack, String reason) {
        Lease lease = open.get(leaseId);
        if (lease == null || !lease.stream().equals(stream)) {
            throw notOpen(stream, leaseId);
        }
        int settled;
        try {
            settled = lease.settle(ids, ack, reason);
        } catch (Lease.Closed e) {
            throw notOpen(stream, leaseId);
        } catch (RuntimeException e) {
            if (!(e instanceof IllegalArgumentException)) {
                forget(lease);
            }
            throw e;
        }
        if (lease.settled()) {
            forget(lease);
        }
        return new Settled(leaseId, settled, lease.unsettledCount());
    }

    /** What one settle call did: {@code settled} messages of lease {@code lease}, {@code unsettled} left. */
    record Settled(String lease, int settled, int unsettled) {
    }

    private static Refused notOpen(String stream, String leaseId) {
        return new Refused(Response.Status.NOT_FOUND, "lease '" + leaseId + "' is not open on stream '" + stream
                + "': it is unknown, fully settled, or expired (its unsettled messages are delivered again)");
    }

    /** The number of open leases. */
    int size() {
        return open.size();
    }

    /** Releases every open lease for redelivery and stops the expiry thread. Idempotent. */
    @Override
    public void close() {
        synchronized (this) {
            closed = true;
        }
        expiry.shutdownNow();
        new ArrayList<>(open.values()).forEach(this::forget);
    }

    private void expire(Lease lease) {
        if (open.containsKey(lease.id())) {
            LOG.fine(() -> "lease " + lease.id() + " of stream '" + lease.stream() + "' expired with "
                    + lease.unsettledCount() + " unsettled message(s): released for redelivery");
            forget(lease);
        }
    }

    private void forget(Lease lease) {
        if (open.remove(lease.id(), lease)) {
            try {
                lease.close();
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "closing lease " + lease.id() + " of stream '" + lease.stream() + "' failed;"
                        + " the broker delivers its unsettled messages again", e);
            }
            release();
        }
    }

    private synchronized void reserve(String stream) {
        if (closed) {
            throw new Refused(Response.Status.SERVICE_UNAVAILABLE,
                    "the HTTP bridge is stopping: no new lease on stream '" + stream + "'");
        }
        if (reserved >= maxLeases) {
            throw new Refused(Response.Status.TOO_MANY_REQUESTS, maxLeases
                    + " leases are open, the limit of tributary.http.max-leases: settle or let expire some before"
                    + " receiving from stream '" + stream + "' again");
        }
        reserved++;
    }

    private synchronized void release() {
        reserved--;
    }
}
