package io.tributary.work.executor;

import io.tributary.work.Outcome;
import io.tributary.work.RecordingFactory;
import io.tributary.work.WorkerPool;
import io.tributary.work.WorkerPoolConformance;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The pool on an executor it is given, shaped like Liberty's default {@code ManagedExecutorService} under
 * a bounded concurrency policy: at most 16 tasks run, 1,000 wait, more are refused. The pool must not
 * shut it down and must give it one task per worker, whatever the load.
 */
class GivenExecutorWorkerPoolTest extends WorkerPoolConformance {

    private ThreadPoolExecutor container;

    @BeforeEach
    void startContainerExecutor() {
        container = containerLike(16, 1_000);
    }

    @Override
    protected void afterPools() throws InterruptedException {
        assertFalse(container.isShutdown(), "the pool shut down an executor it does not own");
        container.shutdownNow();
        assertTrue(container.awaitTermination(20, TimeUnit.SECONDS));
    }

    private static ThreadPoolExecutor containerLike(int max, int queue) {
        AtomicInteger n = new AtomicInteger();
        return new ThreadPoolExecutor(max, max, 60, TimeUnit.SECONDS, queue == 0
                ? new java.util.concurrent.SynchronousQueue<>() : new ArrayBlockingQueue<>(queue),
                r -> new Thread(r, "container-executor-" + n.incrementAndGet()), new ThreadPoolExecutor.AbortPolicy());
    }

    @Override
    protected <T, R> WorkerPoolBuilder<T, R> onExecutor(WorkerPoolBuilder<T, R> builder) {
        return builder.executor(container);
    }

    @Override
    protected boolean isExecutorThread(String threadName) {
        return threadName.startsWith("container-executor-");
    }

    @Test
    void theExecutorGetsOneTaskPerWorkerHoweverManyOperationsAreSubmitted() throws Exception {
        WorkerPool<Integer, String> pool = started(this.<Integer, String>builder("p")
                .workers("w", 3, RecordingFactory.echo("w")));

        List<Outcome<Integer, String>> outcomes = pool.execute(IntStream.range(0, 5_000).boxed().toList())
                .toCompletableFuture().get(20, TimeUnit.SECONDS);

        assertTrue(outcomes.stream().allMatch(Outcome::succeeded));
        assertEquals(3, container.getTaskCount());
    }

    @Test
    void anExecutorThatRefusesWorkerTasksFailsTheStartWithAClearError() throws Exception {
        ThreadPoolExecutor small = containerLike(2, 0);
        try {
            WorkerPool<String, String> pool = ExecutorWorkerPool.<String, String>builder("p").executor(small)
                    .workers("w", 3, RecordingFactory.echo("w")).build();

            RejectedExecutionException e = assertThrows(RejectedExecutionException.class, pool::start);

            assertTrue(e.getMessage().contains("3 tasks at once"), e.getMessage());
            assertTrue(pool.awaitTermination(Duration.ofSeconds(20)));
            assertThrows(IllegalStateException.class, () -> pool.submit("a"));
        } finally {
            small.shutdownNow();
        }
    }
}
