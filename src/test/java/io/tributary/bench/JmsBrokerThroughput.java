package io.tributary.bench;

import io.tributary.artemis.ArtemisConnections;
import io.tributary.artemis.EmbeddedArtemis;
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

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Benchmark (not a test): the JMS broker on an embedded, persistent Artemis (in-VM), {@code producers}
 * threads publishing 100-byte events (each publish a confirmed send), one consumer getting batches of up
 * to 1,024 and acking them. Prints events/s publish -> get -> ack.
 *
 * <p>Run: {@code java -cp target/classes:target/test-classes:$(cat cp.txt) io.tributary.bench.JmsBrokerThroughput [events] [producers]}
 * with the test class path from {@code mvn dependency:build-classpath -Dmdep.outputFile=cp.txt}.
 */
public final class JmsBrokerThroughput {

    private JmsBrokerThroughput() {
    }

    /** Runs one warm-up round and one measured round. */
    public static void main(String[] args) throws Exception {
        int events = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        int producers = args.length > 1 ? Integer.parseInt(args[1]) : 4;
        Path data = Files.createTempDirectory("jms-broker-bench");
        try (EmbeddedArtemis server = new EmbeddedArtemis(data)) {
            server.start();
            round(server, "warmup", events / 4, producers);
            double rate = round(server, "measured", events, producers);
            System.out.printf("JMS broker, %d producers, 1 consumer, batches of up to 1024: %,.0f events/s (%d events, %d cores)%n",
                    producers, rate, events, Runtime.getRuntime().availableProcessors());
        }
    }

    private static double round(EmbeddedArtemis server, String name, int events, int producers) throws Exception {
        AtomicLong acked = new AtomicLong();
        BrokerConfig config = new BrokerConfig("jms", "bench-" + name, new BufferConfig(16_384, 1_024));
        try (Broker<Message> broker = new JmsBroker(ArtemisConnections.connectionFactory(server.connectionUrl()),
                config, Eventer.NONE)) {
            byte[] value = new byte[100];
            List<Thread> threads = new ArrayList<>();
            long start = System.nanoTime();
            for (int p = 0; p < producers; p++) {
                BrokerProducer<Message> producer = broker.producer(ProducerConfig.<Message>none().withOnAck(acked::addAndGet));
                int share = events / producers;
                Thread thread = new Thread(() -> {
                    try {
                        for (int i = 0; i < share; i++) {
                            producer.publish(Message.of(value));
                        }
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                });
                thread.start();
                threads.add(thread);
            }
            long total = (long) (events / producers) * producers;
            try (BrokerConsumer<Message> consumer = broker.consumer()) {
                long seen = 0;
                long batches = 0;
                while (seen < total) {
                    Batch<Message> batch = consumer.get(1_024);
                    seen += batch.size();
                    batches++;
                    batch.ack();
                }
                System.out.printf("%s: %d batches, %.1f events per batch%n", name, batches, (double) seen / batches);
            }
            for (Thread t : threads) {
                t.join();
            }
            return total * 1e9 / (System.nanoTime() - start);
        }
    }
}
