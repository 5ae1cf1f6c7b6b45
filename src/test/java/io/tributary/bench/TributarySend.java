package io.tributary.bench;

import io.tributary.stream.Message;
import io.tributary.stream.Producer;
import io.tributary.stream.jms.JmsStreams;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Tributary's producer. {@code produce-confirmed}: {@link Producer#send} with {@code maxInFlight}
 * {@value Bench#WINDOW}, measured until {@link Producer#flush} returns (every send confirmed by the broker).
 * {@code produce-transacted}: {@link Producer#sendAll} of {@value Bench#BATCH} messages (one broker transaction
 * each), waiting for each batch before the next, as raw JMS commits each batch.
 */
final class TributarySend extends NamedScenario {

    private final boolean transacted;

    TributarySend(boolean transacted) {
        super("tributary", transacted ? "produce-transacted" : "produce-confirmed",
                transacted ? "produce-transacted" : "produce-confirmed");
        this.transacted = transacted;
    }

    @Override
    public Measurement run(Bench bench) throws Exception {
        int count = bench.count();
        byte[] body = Bench.body();
        String queue = bench.freshQueue();
        return bench.costed(count, () -> {
            try (JmsStreams streams = bench.streams(); Producer p = streams.producer(queue)) {
                long start = System.nanoTime();
                if (transacted) {
                    sendBatches(p, count, body);
                } else {
                    for (int i = 0; i < count; i++) {
                        p.send(Message.of(body));
                    }
                    p.flush(Duration.ofSeconds(60));
                }
                return Measurement.rate(count, start);
            }
        });
    }

    private static void sendBatches(Producer p, int count, byte[] body) throws Exception {
        for (int i = 0; i < count; i += Bench.BATCH) {
            List<Message> batch = new ArrayList<>(Bench.BATCH);
            for (int j = 0; j < Bench.BATCH && i + j < count; j++) {
                batch.add(Message.of(body));
            }
            p.sendAll(batch).toCompletableFuture().get(60, TimeUnit.SECONDS);
        }
    }
}
