package io.tributary.work;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * A worker factory for tests: its workers run a {@link Job}, and it records how many workers it
 * created and closed, which threads ran them and how many ran at once.
 */
public final class RecordingFactory<T> implements WorkerFactory<T, String> {

    /** What a worker does with one attempt. */
    @FunctionalInterface
    public interface Job<T> {
        String run(Operation<T> op) throws Exception;
    }

    private final String kind;
    private final Job<T> job;
    private final Predicate<Object> accepts;
    public final AtomicInteger created = new AtomicInteger();
    public final AtomicInteger closed = new AtomicInteger();
    public final AtomicInteger running = new AtomicInteger();
    public final AtomicInteger maxRunning = new AtomicInteger();
    public final List<String> threads = new CopyOnWriteArrayList<>();
    public final List<Operation<T>> attempts = new CopyOnWriteArrayList<>();
    public final AtomicInteger failCreations = new AtomicInteger();

    public RecordingFactory(String kind, Predicate<Object> accepts, Job<T> job) {
        this.kind = kind;
        this.accepts = accepts;
        this.job = job;
    }

    /** A factory whose workers accept everything and answer "kind:payload". */
    public static <T> RecordingFactory<T> echo(String kind) {
        return new RecordingFactory<>(kind, p -> true, op -> kind + ":" + op.payload());
    }

    @Override
    public Worker<T, String> create() {
        if (failCreations.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            throw new IllegalStateException("test factory refuses to create a " + kind + " worker");
        }
        created.incrementAndGet();
        return new Worker<>() {
            @Override
            public String process(Operation<T> op) throws Exception {
                attempts.add(op);
                threads.add(Thread.currentThread().getName());
                maxRunning.accumulateAndGet(running.incrementAndGet(), Math::max);
                try {
                    return job.run(op);
                } finally {
                    running.decrementAndGet();
                }
            }

            @Override
            public void close() {
                closed.incrementAndGet();
            }
        };
    }

    @Override
    public boolean accepts(T payload) {
        return accepts.test(payload);
    }
}
