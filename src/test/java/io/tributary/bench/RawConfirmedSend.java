package io.tributary.bench;

import jakarta.jms.CompletionListener;
import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Raw JMS {@code produce-confirmed}: JMS 2 async send with a {@link CompletionListener}, at most
 * {@value Bench#WINDOW} sends unconfirmed (a semaphore), persistent; measured until the last confirmation.
 */
final class RawConfirmedSend implements Scenario {

    @Override
    public String system() {
        return "raw-jms";
    }

    @Override
    public String scenario() {
        return "produce-confirmed";
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
                p.send(RawJms.bytesMessage(s, body), listener);
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
