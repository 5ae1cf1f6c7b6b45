package io.tributary.bench;

import io.tributary.broker.Batch;
import io.tributary.broker.Broker;
import io.tributary.broker.BrokerConfig;
import io.tributary.broker.BrokerConsumer;
import io.tributary.broker.BrokerProducer;
import io.tributary.broker.BufferConfig;
import io.tributary.broker.Eventer;
import io.tributary.broker.ProducerConfig;
import io.tributary.broker.jms.JmsBroker;
import io.tributary.stream.Message;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The JMS broker ({@link JmsBroker}) on the benchmark's Artemis: {@value #PRODUCERS} producer threads
 * publishing 1 KiB events (each publish a confirmed send) while the harness thread gets batches of up to
 * {@value #BATCH} and acks them; events per second publish -> get -> ack. A tenth of the mode's message count:
 * each publish waits for its own confirmation, so this runs at the broker's sync rate.
 */
final class JmsBrokerThroughput extends NamedScenario {

    private static final int PRODUCERS = 4;
    private static final int BATCH = 1_024;

    JmsBrokerThroughput() {
        super("tributary", "jms-broker-" + PRODUCERS + "-producers", null);
    }

    @Override
    public Measurement run(Bench bench) throws Exception {
        int share = Math.max(1, bench.count() / 10 / PRODUCERS);
        long total = (long) share * PRODUCERS;
        BrokerConfig config = new BrokerConfig("jms", bench.freshQueue(), new BufferConfig(16_384, BATCH));
        try (Broker<Message> broker = new JmsBroker(bench.factory(), config, Eventer.NONE);
             BrokerConsumer<Message> consumer = broker.consumer()) {
            byte[] body = Bench.body();
            long start = System.nanoTime();
            List<CompletableFuture<Void>> producers = new ArrayList<>();
            for (int p = 0; p < PRODUCERS; p++) {
                BrokerProducer<Message> producer = broker.producer(ProducerConfig.none());
                producers.add(Background.start("bench-jms-broker-producer-" + p, () -> publish(producer, share, body)));
            }
            long seen = 0;
            long batches = 0;
            while (seen < total) {
                Batch<Message> batch = consumer.get(BATCH);
                seen += batch.size();
                batches++;
                batch.ack();
            }
            Measurement m = Measurement.rate(total, start);
            CompletableFuture.allOf(producers.toArray(CompletableFuture[]::new)).join();
            return m.withNote(String.format("%d events, %.1f events per batch", total, (double) seen / batches));
        }
    }

    private static void publish(BrokerProducer<Message> producer, int count, byte[] body) throws InterruptedException {
        for (int i = 0; i < count; i++) {
            producer.publish(Message.of(body));
        }
    }
}
