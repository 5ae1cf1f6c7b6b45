package io.tributary.bench;

import io.tributary.config.TributaryConfig;
import io.tributary.stream.Consumer;
import io.tributary.stream.Message;
import io.tributary.stream.Producer;
import io.tributary.stream.jms.JmsStreams;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * {@code scale-streams-N}: a point of the scaling table. {@code N} streams at once, each with its own producer
 * thread ({@link Producer#send}, confirmed, {@value Bench#WINDOW} in flight) and its own consumer thread (the
 * default consumer of a configured application, {@link TributaryConfig} defaults), on one {@link JmsStreams}
 * (one connection pool); the mode's messages are split evenly over the streams. The rate is all messages over
 * the time until the last one was acked; CPU, heap and (optionally) a profile are measured over the same span
 * ({@link ScaleMeter}).
 */
final class ScaleStreams extends NamedScenario {

    private static final long FINISH_SECONDS = 300;

    private final int streams;

    ScaleStreams(int streams) {
        super("tributary", "scale-streams-" + streams, null);
        this.streams = streams;
    }

    @Override
    public Measurement run(Bench bench) throws Exception {
        int each = Math.max(1, bench.count() / streams);
        List<String> queues = new ArrayList<>();
        for (int i = 0; i < streams; i++) {
            queues.add(bench.freshQueue());
        }
        try (JmsStreams jms = bench.streams(TributaryConfig.of(Map.of()).consumerOptions())) {
            ScaleMeter meter = new ScaleMeter(bench, scenario());
            List<CompletableFuture<Void>> work = new ArrayList<>();
            for (String queue : queues) {
                work.add(Background.start("bench-scale-producer-" + queue, () -> send(jms, queue, each)));
                work.add(Background.start("bench-scale-consumer-" + queue, () -> {
                    try (Consumer c = jms.consumer(queue)) {
                        TributaryConsume.drain(c, each, m -> { });
                    }
                }));
            }
            CompletableFuture.allOf(work.toArray(CompletableFuture[]::new)).get(FINISH_SECONDS, TimeUnit.SECONDS);
            return meter.finish((long) each * streams, System.nanoTime(),
                    streams + " streams x " + each + " messages, a producer and a default consumer each");
        }
    }

    private static void send(JmsStreams jms, String queue, int count) throws Exception {
        byte[] body = Bench.body();
        try (Producer p = jms.producer(queue)) {
            for (int i = 0; i < count; i++) {
                p.send(Message.of(body));
            }
            p.flush(Duration.ofSeconds(60));
        }
    }
}
