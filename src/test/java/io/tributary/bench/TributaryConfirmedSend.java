package io.tributary.bench;

import io.tributary.stream.Message;
import io.tributary.stream.Producer;
import io.tributary.stream.jms.JmsStreams;
import java.time.Duration;

/**
 * Tributary {@code produce-confirmed}: {@link Producer#send} with {@code maxInFlight} {@value Bench#WINDOW},
 * measured until {@link Producer#flush} returns (every send confirmed by the broker).
 */
final class TributaryConfirmedSend implements Scenario {

    @Override
    public String system() {
        return "tributary";
    }

    @Override
    public String scenario() {
        return "produce-confirmed";
    }

    @Override
    public Measurement run(Bench bench) throws Exception {
        int count = bench.count();
        byte[] body = Bench.body();
        try (JmsStreams streams = bench.streams(); Producer p = streams.producer(bench.freshQueue())) {
            long start = System.nanoTime();
            for (int i = 0; i < count; i++) {
                p.send(Message.of(body));
            }
            p.flush(Duration.ofSeconds(60));
            return Measurement.rate(count, start);
        }
    }
}
