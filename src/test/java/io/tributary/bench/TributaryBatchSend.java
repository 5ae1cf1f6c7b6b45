package io.tributary.bench;

import io.tributary.stream.Message;
import io.tributary.stream.Producer;
import io.tributary.stream.jms.JmsStreams;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Tributary {@code produce-transacted}: {@link Producer#sendAll} of {@value Bench#BATCH} messages (one broker
 * transaction each), waiting for each batch before the next, as raw JMS commits each batch.
 */
final class TributaryBatchSend implements Scenario {

    @Override
    public String system() {
        return "tributary";
    }

    @Override
    public String scenario() {
        return "produce-transacted";
    }

    @Override
    public Measurement run(Bench bench) throws Exception {
        int count = bench.count();
        byte[] body = Bench.body();
        try (JmsStreams streams = bench.streams(); Producer p = streams.producer(bench.freshQueue())) {
            long start = System.nanoTime();
            for (int i = 0; i < count; i += Bench.BATCH) {
                List<Message> batch = new ArrayList<>(Bench.BATCH);
                for (int j = 0; j < Bench.BATCH && i + j < count; j++) {
                    batch.add(Message.of(body));
                }
                p.sendAll(batch).toCompletableFuture().get(60, TimeUnit.SECONDS);
            }
            return Measurement.rate(count, start);
        }
    }
}
