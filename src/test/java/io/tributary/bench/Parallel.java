package io.tributary.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Runs one sending task on several threads at once and measures the aggregate rate over the wall time, from
 * before the first thread starts until the last one returned. Each thread sends {@code count / threads}.
 */
final class Parallel {

    /** What each thread does: send {@code count} messages and return once they are confirmed or committed. */
    @FunctionalInterface
    interface Task {
        void run(int count) throws Exception;
    }

    private Parallel() {
    }

    /** The rate of {@code task} run on {@code threads} threads, {@code count} messages in all. */
    static Measurement rate(int threads, int count, Task task) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            int each = count / threads;
            long start = System.nanoTime();
            List<Future<?>> running = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                running.add(pool.submit(() -> {
                    task.run(each);
                    return null;
                }));
            }
            for (Future<?> f : running) {
                f.get(10, TimeUnit.MINUTES);
            }
            return Measurement.rate((long) each * threads, start);
        } finally {
            pool.shutdownNow();
        }
    }
}
