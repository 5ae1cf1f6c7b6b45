package io.tributary.bench;

import jakarta.jms.CompletionListener;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.Message;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;

/**
 * Raw JMS {@code produce-confirmed}: JMS 2 async send with a {@link CompletionListener}, at most
 * {@value Bench#WINDOW} sends unconfirmed, persistent; measured until the last confirmation
 * ({@link RawJms#confirmedSend}). Two variants beside it:
 * <ul>
 *   <li>{@code produce-confirmed-same-headers} sets, through the JMS API, the properties Tributary's producer puts
 *       on a first send (a random UUID as Artemis' duplicate-detection id {@code _AMQ_DUPL_ID}, a timestamp), to
 *       separate what the guarantee costs (client encoding, broker parsing and duplicate detection) from what
 *       Tributary's producer itself costs;</li>
 *   <li>{@code produce-confirmed-artemis-window} runs on a factory with the Artemis client's own producer window
 *       ({@value Bench#ARTEMIS_PRODUCER_WINDOW} bytes) instead of the one Tributary's client defaults set (every
 *       other system, raw JMS included, runs with Tributary's): raw JMS as written by a user who sets only
 *       {@code confirmationWindowSize}.</li>
 * </ul>
 */
final class RawConfirmedSend extends NamedScenario {

    /** What the raw producer sends, and through which factory. */
    enum Variant { PLAIN, SAME_HEADERS, ARTEMIS_WINDOW }

    private final Variant variant;

    RawConfirmedSend(Variant variant) {
        super("raw-jms", switch (variant) {
            case PLAIN -> "produce-confirmed";
            case SAME_HEADERS -> "produce-confirmed-same-headers";
            case ARTEMIS_WINDOW -> "produce-confirmed-artemis-window";
        }, "produce-confirmed");
        this.variant = variant;
    }

    @Override
    public Measurement run(Bench bench) throws Exception {
        RawJms.MessageMaker plain = Bench.bytesMessages();
        RawJms.MessageMaker withId = RawJms.withDuplicateId(plain);
        RawJms.MessageMaker maker = variant != Variant.SAME_HEADERS ? plain : session -> {
            Message m = withId.make(session);
            m.setLongProperty("tributary_ts", System.currentTimeMillis() * 1_000_000);
            return m;
        };
        String queue = bench.freshQueue();
        if (variant != Variant.ARTEMIS_WINDOW) {
            return send(bench, bench.factory(), queue, maker);
        }
        try (ActiveMQConnectionFactory artemisWindow = bench.artemisWindowFactory()) {
            return send(bench, artemisWindow, queue, maker);
        }
    }

    private static Measurement send(Bench bench, ConnectionFactory factory, String queue, RawJms.MessageMaker maker)
            throws Exception {
        return bench.costed(bench.count(), () -> Measurement.of(RawJms.confirmedSend(factory, queue, bench.count(),
                Bench.WINDOW, maker)));
    }
}
