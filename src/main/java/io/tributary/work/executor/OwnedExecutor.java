package io.tributary.work.executor;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The executor a pool creates when it is given none: one thread per worker, no queue (a task beyond one
 * per thread is refused) and threads named {@code tributary-work-NAME-N}.
 */
final class OwnedExecutor {

    private OwnedExecutor() {
    }

    static ExecutorService create(String poolName, int threads) {
        AtomicInteger n = new AtomicInteger();
        ThreadFactory factory = r -> new Thread(r, "tributary-work-" + poolName + "-" + n.incrementAndGet());
        return new ThreadPoolExecutor(threads, threads, 0, TimeUnit.MILLISECONDS,
                new SynchronousQueue<>(), factory);
    }
}
