package io.tributary.http;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Which names the HTTP bridge serves: listed ones only, internal queues never. */
class BridgeStreamsTest {

    private final BridgeStreams served = new BridgeStreams(List.of("orders", "payments"), ".DLQ", "broker");

    @Test
    void onlyListedStreamsAreServed() {
        assertEquals("orders", served.check("orders"));
        Refused e = assertThrows(Refused.class, () -> served.check("invoices"));
        assertEquals(404, e.status().getStatusCode());
        String body = e.getMessage();
        assertTrue(body.contains("'invoices'") && body.contains("orders, payments"), body);
    }

    @Test
    void internalQueuesAreRefusedWith403() {
        for (String internal : List.of("orders.DLQ", "tributary.events.app.ledger.intake",
                "tributary.events.app.ledger.head", "tributary.events.app.ledger.retained", "activemq.management",
                "DLQ", "DLQ.orders", "ExpiryQueue", "broker")) {
            Refused e = assertThrows(Refused.class, () -> served.check(internal));
            assertEquals(403, e.status().getStatusCode(), internal);
        }
        assertThrows(IllegalArgumentException.class, () -> served.check("orders$retries"));
    }

    @Test
    void listingAnInternalQueueIsAConfigurationError() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new BridgeStreams(List.of("orders", "orders.DLQ"), ".DLQ", "broker"));
        assertTrue(e.getMessage().contains("'orders.DLQ'") && e.getMessage().contains("tributary.http.streams"),
                e.getMessage());
    }
}
