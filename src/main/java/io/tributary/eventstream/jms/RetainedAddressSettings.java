package io.tributary.eventstream.jms;

import io.tributary.eventstream.StreamIdentity;
import io.tributary.stream.StreamException;
import io.tributary.stream.jms.ManagementRequests;
import org.apache.activemq.artemis.api.core.management.ResourceNames;

import java.util.logging.Logger;

/**
 * Keeps a stream's retained address out of paging, and lets events that outlived the age limit go. A non-destructive queue cannot deliver messages the
 * broker paged to disk (nothing is ever consumed, so nothing is ever depaged): a paging retained queue
 * would stall every cursor at the paging point. So the retained address gets its own address settings,
 * {@value #SETTINGS}: it never pages; if the broker's global memory limit is reached the sequencer's
 * transaction fails and is retried (appends wait, durable, on intake) instead of anything going missing.
 * The ring size bounds the address's memory: size it so {@code maxEvents} events fit in the broker.
 * An empty expiry address makes the broker drop expired events instead of moving copies to a broker-wide
 * expiry queue, where they would pile up without bound. And the broker never dead-letters a retained event
 * (max delivery attempts -1, whatever the broker's default): on a non-destructive queue every cursor that
 * closes with events received but not yet acknowledged adds to their delivery count, and moving an event
 * to a dead-letter address would remove it from the stream.
 *
 * <p>The settings are applied through the broker's management address, which needs the {@code manage}
 * permission. Without it, a warning names the {@code broker.xml} setting an operator must add instead.
 */
final class RetainedAddressSettings {

    static final String SETTINGS = "{\"maxSizeBytes\":-1,\"addressFullMessagePolicy\":\"FAIL\",\"expiryAddress\":\"\","
            + "\"maxDeliveryAttempts\":-1}";
    private static final Logger LOG = Logger.getLogger(RetainedAddressSettings.class.getName());

    private RetainedAddressSettings() {
    }

    /** Applies {@link #SETTINGS} to {@code address}; logs a warning with the manual setting if refused. */
    static void apply(ManagementRequests management, StreamIdentity stream, String address) {
        String failure;
        try {
            management.invoke(ResourceNames.BROKER, "addAddressSettings", address, SETTINGS);
            return;
        } catch (StreamException e) {
            failure = e.getMessage();
        }
        LOG.warning("event stream " + stream + ": could not keep " + address + " out of paging (" + failure
                + "); add to broker.xml: <address-setting match=\"" + address + "\"><max-size-bytes>-1</max-size-bytes>"
                + "<address-full-policy>FAIL</address-full-policy><expiry-address/>"
                + "<max-delivery-attempts>-1</max-delivery-attempts></address-setting>. Cursors stall if it pages.");
    }
}
