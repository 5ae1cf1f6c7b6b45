package io.tributary.bench;

import jakarta.jms.CompletionListener;
import jakarta.jms.Message;
import java.util.UUID;

/**
 * Raw JMS {@code produce-confirmed}: JMS 2 async send with a {@link CompletionListener}, at most
 * {@value Bench#WINDOW} sends unconfirmed, persistent; measured until the last confirmation
 * ({@link RawJms#confirmedSend}). The {@code produce-confirmed-same-headers} variant sets, through the JMS API,
 * the properties Tributary puts on every message (a random UUID as id and as Artemis' duplicate-detection id
 * {@code _AMQ_DUPL_ID}, a timestamp), to separate what the headers cost (client encoding, broker parsing and
 * duplicate detection) from what Tributary's producer itself costs.
 */
final class RawConfirmedSend extends NamedScenario {

    private static final String DUPLICATE_ID = org.apache.activemq.artemis.api.core.Message.HDR_DUPLICATE_DETECTION_ID.toString();

    private final boolean sameHeaders;

    RawConfirmedSend(boolean sameHeaders) {
        super("raw-jms", sameHeaders ? "produce-confirmed-same-headers" : "produce-confirmed", "produce-confirmed");
        this.sameHeaders = sameHeaders;
    }

    @Override
    public Measurement run(Bench bench) throws Exception {
        RawJms.MessageMaker plain = Bench.bytesMessages();
        RawJms.MessageMaker maker = !sameHeaders ? plain : session -> {
            Message m = plain.make(session);
            String id = UUID.randomUUID().toString();
            m.setStringProperty("tributary_id", id);
            m.setStringProperty(DUPLICATE_ID, id);
            m.setLongProperty("tributary_ts", System.currentTimeMillis() * 1_000_000);
            return m;
        };
        return Measurement.of(RawJms.confirmedSend(bench.factory(), bench.freshQueue(), bench.count(), Bench.WINDOW, maker));
    }
}
