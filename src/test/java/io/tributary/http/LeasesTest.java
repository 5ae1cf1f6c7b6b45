package io.tributary.http;

import io.tributary.stream.ConsumerOptions;
import io.tributary.stream.Message;
import io.tributary.stream.Producer;
import io.tributary.stream.RedeliveryPolicy;
import io.tributary.stream.jms.JmsStreams;
import io.tributary.testing.Deadlines;
import io.tributary.testing.EmbeddedJms;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link Leases} on an embedded broker, through a connection whose consumers prefetch nothing (as the
 * runtime's {@code unbufferedStreams()}): settle later, expire and redeliver, bounded, freed.
 */
class LeasesTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @TempDir
    Path data;

    private EmbeddedJms jms;
    private JmsStreams streams;

    @BeforeEach
    void start() {
        jms = EmbeddedJms.start(data, "&consumerWindowSize=0", ConsumerOptions.DEFAULTS.withRedelivery(
                new RedeliveryPolicy(5, Duration.ZERO, 1.0, Duration.ZERO)));
        streams = jms.streams();
    }

    @AfterEach
    void stop() {
        jms.close();
    }

    @Test
    void aLeaseIsSettledByIdInLaterCallsAndThenForgotten() throws Exception {
        put("s", "a", "b");
        try (Leases leases = new Leases(streams, Duration.ofMinutes(1), 10)) {
            Lease lease = leases.receive("s", 10, WAIT).orElseThrow();
            assertEquals(2, lease.messages().size());
            assertEquals(2, streams.backlog("s"), "leased, not acknowledged");
            String first = lease.messages().get(0).id();
            IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                    () -> leases.settle("s", lease.id(), List.of("nope"), true, null));
            assertTrue(unknown.getMessage().contains("'nope'"), unknown.getMessage());
            assertEquals(new Leases.Settled(lease.id(), 1, 1), leases.settle("s", lease.id(), List.of(first), true,
                    null));
            assertEquals(1, leases.size());
            assertEquals(new Leases.Settled(lease.id(), 1, 0), leases.settle("s", lease.id(), List.of(), true, null));
            assertEquals(0, leases.size(), "a settled lease is forgotten");
            assertEquals(0, streams.backlog("s"));
            Refused gone = assertThrows(Refused.class,
                    () -> leases.settle("s", lease.id(), List.of(), true, null));
            assertEquals(404, gone.status().getStatusCode());
        }
    }

    @Test
    void anUnsettledLeaseExpiresAndItsMessagesAreDeliveredAgain() throws Exception {
        put("s", "a");
        try (Leases leases = new Leases(streams, Duration.ofMillis(300), 10)) {
            Lease lease = leases.receive("s", 10, WAIT).orElseThrow();
            Deadlines.await(() -> leases.size() == 0, WAIT, "the lease expires");
            Refused expired = assertThrows(Refused.class,
                    () -> leases.settle("s", lease.id(), List.of(), true, null));
            assertEquals(404, expired.status().getStatusCode());
            Lease again = leases.receive("s", 10, WAIT).orElseThrow();
            assertEquals("a", again.messages().get(0).text());
            assertEquals(2, again.messages().get(0).deliveryAttempt());
            leases.settle("s", again.id(), List.of(), true, null);
            assertEquals(0, streams.backlog("s"));
        }
    }

    @Test
    void leasesAreBoundedAndAnEmptyReceiveHoldsNone() throws Exception {
        put("s", "a", "b");
        try (Leases leases = new Leases(streams, Duration.ofMinutes(1), 2)) {
            assertEquals(Optional.empty(), leases.receive("empty", 10, Duration.ofMillis(50)));
            assertEquals(0, leases.size());
            leases.receive("s", 1, WAIT).orElseThrow();
            leases.receive("s", 1, WAIT).orElseThrow();
            put("s", "c");
            Refused full = assertThrows(Refused.class,
                    () -> leases.receive("s", 1, WAIT));
            assertEquals(429, full.status().getStatusCode());
            assertEquals(3, streams.backlog("s"), "a refused receive takes nothing");
        }
    }

    @Test
    void closingReleasesEveryOpenLeaseForRedelivery() throws Exception {
        put("s", "a", "b");
        Leases leases = new Leases(streams, Duration.ofMinutes(1), 10);
        leases.receive("s", 1, WAIT).orElseThrow();
        leases.receive("s", 1, WAIT).orElseThrow();
        leases.close();
        assertEquals(0, leases.size());
        try (Leases after = new Leases(streams, Duration.ofMinutes(1), 10)) {
            Lease both = after.receive("s", 10, WAIT).orElseThrow();
            assertEquals(2, both.messages().size(), "both released messages come again");
            after.settle("s", both.id(), List.of(), true, null);
        }
        Refused stopped = assertThrows(Refused.class,
                () -> leases.receive("s", 1, WAIT));
        assertEquals(503, stopped.status().getStatusCode());
    }

    private void put(String stream, String... texts) throws Exception {
        try (Producer p = streams.producer(stream)) {
            for (String text : texts) {
                p.send(Message.ofText(text)).toCompletableFuture().get(10, TimeUnit.SECONDS);
            }
        }
    }
}
