package io.tributary.cdi;

import io.tributary.work.WorkerPool;
import io.tributary.work.executor.ExecutorWorkerPool;
import io.tributary.work.executor.Tasks;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.lang.System.Logger.Level;
import java.time.Duration;

/**
 * Makes {@code @Inject WorkerPool pool} work: one application-scoped, started pool of general-purpose
 * workers ({@link Tasks}: payloads are {@code Callable}s or {@code Runnable}s) on the container's default
 * {@code ManagedExecutorService}, so operations run on container threads with the application's context.
 *
 * <p>Settings (MicroProfile Config): {@value #WORKERS_KEY} (default 4; each worker holds one executor
 * thread, so keep it below the concurrency policy's {@code max}) and {@value #CAPACITY_KEY} (default
 * 1000, operations accepted and unfinished at once). A bad value fails the injection with an error naming
 * the key. When the application stops, the pool is shut down and waits up to 30 s for accepted work.
 */
@ApplicationScoped
public class WorkerPoolProducer {

    /** Workers of the injected pool. */
    public static final String WORKERS_KEY = "tributary.work.workers";
    /** Capacity of the injected pool. */
    public static final String CAPACITY_KEY = "tributary.work.capacity";

    private static final System.Logger LOG = System.getLogger(WorkerPoolProducer.class.getName());
    private static final Duration SHUTDOWN_WAIT = Duration.ofSeconds(30);

    @Resource(lookup = "java:comp/DefaultManagedExecutorService")
    ManagedExecutorService executor;

    @Inject
    @ConfigProperty(name = WORKERS_KEY, defaultValue = "4")
    int workers;

    @Inject
    @ConfigProperty(name = CAPACITY_KEY, defaultValue = "1000")
    int capacity;

    /** The started pool. */
    @Produces
    @ApplicationScoped
    public WorkerPool<Object, Object> workerPool() {
        WorkerPool<Object, Object> pool;
        try {
            pool = ExecutorWorkerPool.builder("default")
                    .executor(executor)
                    .workers(Tasks.KIND, workers, new Tasks())
                    .capacity(capacity)
                    .build();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("invalid worker pool setting (" + WORKERS_KEY + "=" + workers + ", "
                    + CAPACITY_KEY + "=" + capacity + "): " + e.getMessage(), e);
        }
        pool.start();
        return pool;
    }

    /** Shuts the pool down when the application stops, letting accepted work finish. */
    public void shutdown(@Disposes WorkerPool<Object, Object> pool) throws InterruptedException {
        pool.shutdown();
        if (!pool.awaitTermination(SHUTDOWN_WAIT)) {
            LOG.log(Level.WARNING, "worker pool '" + pool.name() + "' still had " + pool.pending()
                    + " operations after " + SHUTDOWN_WAIT + " of shutdown");
        }
    }
}
