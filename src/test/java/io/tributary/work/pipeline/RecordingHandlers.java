package io.tributary.work.pipeline;

import io.tributary.stream.Message;
import io.tributary.stream.RedeliveryPolicy;
import io.tributary.work.Operation;
import io.tributary.work.WorkerFactory;
import io.tributary.work.WorkerPool;
import io.tributary.work.executor.ExecutorWorkerPool;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * Pools of message handlers for pipeline tests, recording how many ran at once (overall and per key),
 * the order each key's messages ran in, and any overlap of two messages with one key.
 */
final class RecordingHandlers {

    final AtomicInteger running = new AtomicInteger();
    final AtomicInteger maxRunning = new AtomicInteger();
    final Map<String, List<String>> processedPerKey = new ConcurrentHashMap<>();
    final List<String> overlaps = new CopyOnWriteArrayList<>();
    private final Map<String, AtomicInteger> runningPerKey = new ConcurrentHashMap<>();
    private final List<WorkerPool<?, ?>> pools = new ArrayList<>();

    /** A started pool of {@code workers} handlers that record, then apply {@code job}; 2 tries per message. */
    WorkerPool<Message, String> pool(int workers, Function<Message, String> job) {
        WorkerFactory<Message, String> f = () -> (Operation<Message> op) -> {
            Message m = op.payload();
            String key = String.valueOf(m.key());
            maxRunning.accumulateAndGet(running.incrementAndGet(), Math::max);
            if (runningPerKey.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet() > 1 && m.key() != null) {
                overlaps.add(m.text());
            }
            try {
                processedPerKey.computeIfAbsent(key, k -> new CopyOnWriteArrayList<>()).add(m.text());
                return job.apply(m);
            } finally {
                runningPerKey.get(key).decrementAndGet();
                running.decrementAndGet();
            }
        };
        WorkerPool<Message, String> pool = ExecutorWorkerPool.<Message, String>builder("pipeline")
                .retry(new RedeliveryPolicy(2, Duration.ZERO, 1.0, Duration.ZERO))
                .workers("handler", workers, f).build();
        pool.start();
        pools.add(pool);
        return pool;
    }

    /** Shuts every pool down; false if one did not terminate within {@code timeout}. */
    boolean shutdown(Duration timeout) throws InterruptedException {
        boolean all = true;
        for (WorkerPool<?, ?> p : pools) {
            p.shutdown();
            all &= p.awaitTermination(timeout);
        }
        return all;
    }

    /** The messages of {@code sent} with key {@code key}, as texts in send order. */
    static List<String> texts(List<Message> sent, String key) {
        return sent.stream().filter(m -> key.equals(m.key())).map(Message::text).toList();
    }
}
