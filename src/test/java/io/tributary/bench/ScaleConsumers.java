package io.tributary.bench;

import io.tributary.config.TributaryConfig;
import io.tributary.stream.Consumer;
import io.tributary.stream.ConsumerOptions;
import io.tributary.stream.Message;
import io.tributary.stream.jms.JmsStreams;
import jakarta.jms.BytesMessage;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * {@code scale-consumers-N}: a point of the scaling table. One queue filled (before the clock starts) with the
 * mode's messages over {@value #KEYS} keys ({@code JMSXGroupID}), each body carrying its per-key sequence number;
 * {@code N} default consumers ({@link TributaryConfig} defaults) of one {@link JmsStreams}, each on its own
 * thread, drain it together. Per-key order is checked on every message: a key's sequence numbers must arrive
 * one after another, whichever consumer has the key; a gap or a step back fails the repetition naming the key.
 * The rate is all messages over the time until the last was acked; CPU, heap and (optionally) a profile over the
 * same span ({@link ScaleMeter}).
 */
final class ScaleConsumers extends NamedScenario {

    private static final int KEYS = 64;
    private static final long FINISH_SECONDS = 300;
    private static final Duration RECEIVE_WAIT = Duration.ofMillis(200);

    private final int consumers;

    ScaleConsumers(int consumers) {
        super("tributary", "scale-consumers-" + consumers, null);
        this.consumers = consumers;
    }

    @Override
    public Measurement run(Bench bench) throws Exception {
        int count = bench.count();
        String queue = bench.freshQueue();
        RawJms.transactedSend(bench.factory(), queue, count, Bench.BATCH, keyedMessages());
        Map<String, Integer> lastSeq = new ConcurrentHashMap<>();
        AtomicReference<String> disorder = new AtomicReference<>();
        AtomicInteger done = new AtomicInteger();
        AtomicLong end = new AtomicLong();
        ConsumerOptions options = TributaryConfig.of(Map.of()).consumerOptions();
        try (JmsStreams jms = bench.streams(options)) {
            ScaleMeter meter = new ScaleMeter(bench, scenario());
            List<CompletableFuture<Void>> work = new ArrayList<>();
            for (int i = 0; i < consumers; i++) {
                work.add(Background.start("bench-scale-consumer-" + i, () -> {
                    try (Consumer c = jms.consumer(queue)) {
                        while (done.get() < count && disorder.get() == null) {
                            List<Message> batch = c.receive(options.batchSize(), RECEIVE_WAIT);
                            for (Message m : batch) {
                                checkOrder(m, lastSeq, disorder);
                                c.ack(m);
                            }
                            if (done.addAndGet(batch.size()) >= count) {
                                end.compareAndSet(0, System.nanoTime());
                            }
                        }
                    }
                }));
            }
            CompletableFuture.allOf(work.toArray(CompletableFuture[]::new)).get(FINISH_SECONDS, TimeUnit.SECONDS);
            if (disorder.get() != null) {
                throw new IllegalStateException("per-key order broken with " + consumers + " consumers: " + disorder.get());
            }
            return meter.finish(count, end.get(),
                    consumers + " default consumers on one queue, " + count + " messages over " + KEYS
                            + " keys, per-key order checked");
        }
    }

    private static void checkOrder(Message m, Map<String, Integer> lastSeq, AtomicReference<String> disorder) {
        int seq = ByteBuffer.wrap(m.value()).getInt();
        Integer previous = lastSeq.put(m.key(), seq);
        int expected = previous == null ? 0 : previous + 1;
        if (seq != expected) {
            disorder.compareAndSet(null, "key " + m.key() + " got " + seq + " after " + previous);
        }
    }

    /** Messages over {@value #KEYS} keys in turn, each body starting with its sequence number within its key. */
    private static RawJms.MessageMaker keyedMessages() {
        int[] sent = {0};
        return session -> {
            int i = sent[0]++;
            byte[] body = Bench.body();
            ByteBuffer.wrap(body).putInt(i / KEYS);
            BytesMessage m = session.createBytesMessage();
            m.writeBytes(body);
            m.setStringProperty("JMSXGroupID", "key-" + (i % KEYS));
            return m;
        };
    }
}
