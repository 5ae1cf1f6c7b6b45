package io.tributary.bench;

import jakarta.jms.CompletionListener;
import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import java.util.UUID;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Raw JMS {@code produce-confirmed}: JMS 2 async send with a {@link CompletionListener}, at most
 * {@value Bench#WINDOW} sends unconfirmed (a semaphore), persistent; measured until the last confirmation.
 * The {@code produce-confirmed-same-headers} variant sets, through the JMS API, the properties Tributary puts on
 * every message (a random UUID as id and as Artemis' duplicate-detection id {@code _AMQ_DUPL_ID}, a timestamp), to
 * separate what the headers cost (client encoding, broker parsing and duplicate detection) from what Tributary's
 * producer itself costs.
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
        int count = bench.count();
        try (Connection c = bench.factory().createConnection()) {
            Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageProducer p = s.createProducer(s.createQueue(bench.freshQueue()));
            p.setDeliveryMode(DeliveryMode.PERSISTENT);
            Semaphore window = new Semaphore(Bench.WINDOW);
            AtomicReference<Exception> failure = new AtomicReference<>();
            CompletionListener listener = new CompletionListener() {
                @Override
                public void onCompletion(jakarta.jms.Message m) {
                    window.release();
                }

                @Override
                public void onException(jakarta.jms.Message m, Exception e) {
                    failure.set(e);
                    window.release();
                }
            };
            byte[] body = Bench.body();
            long start = System.nanoTime();
            for (int i = 0; i < count; i++) {
                window.acquire();
                jakarta.jms.Message m = RawJms.bytesMessage(s, body);
                if (sameHeaders) {
                    String id = UUID.randomUUID().toString();
                    m.setStringProperty("tributary_id", id);
                    m.setStringProperty(DUPLICATE_ID, id);
                    m.setLongProperty("tributary_ts", System.currentTimeMillis() * 1_000_000);
                }
                p.send(m, listener);
            }
            window.acquire(Bench.WINDOW);
            Measurement m = Measurement.rate(count, start);
            if (failure.get() != null) {
                throw failure.get();
            }
            return m;
        }
    }
}
