package io.tributary.cdi;

import io.tributary.config.ConfigKey;
import io.tributary.config.TributaryConfig;
import io.tributary.work.WorkerPool;
import io.tributary.work.executor.ExecutorWorkerPool;
import io.tributary.work.executor.Tasks;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import javax.naming.InitialContext;
import javax.naming.NamingException;

/**
 * Makes {@code @Inject WorkerPool pool} work: one application-scoped, started pool of general-purpose
 * workers ({@link Tasks}: payloads are {@code Callable}s or {@code Runnable}s) on the container's default
 * {@code ManagedExecutorService}, so operations run on container threads with the application's context.
 *
 * <p>Settings: {@code tributary.work.workers} and {@code tributary.work.capacity} ({@link ConfigKey},
 * validated at start-up with the rest of the configuration). When the application stops, the pool is
 * shut down and waits up to 30 s for accepted work.
 */
@ApplicationScoped
public class WorkerPoolProducer {

    private static final System.Logger LOG = System.getLogger(WorkerPoolProducer.class.getName());
    private static final Duration SHUTDOWN_WAIT = Duration.ofSeconds(30);

    private static final String EXECUTOR = "java:comp/DefaultManagedExecutorService";

    @Inject
    TributaryRuntime runtime;

    /** The started pool. */
    @Produces
    @ApplicationScoped
    public WorkerPool<Object, Object> workerPool() {
        TributaryConfig config = runtime.config();
        WorkerPool<Object, Object> pool = ExecutorWorkerPool.builder("default")
                .executor(managedExecutor())
                .workers(Tasks.KIND, config.integer(ConfigKey.WORK_WORKERS), new Tasks())
                .capacity(config.integer(ConfigKey.WORK_CAPACITY))
                .build();
        pool.start();
        return pool;
    }

    /**
     * The container's default managed executor, looked up rather than injected so that this bean exists
     * without {@code concurrent} and injecting a {@code WorkerPool} there fails naming the feature.
     */
    private static ExecutorService managedExecutor() {
        OptionalFeature.CONCURRENCY.require("@Inject WorkerPool");
        try {
            return (ExecutorService) new InitialContext().lookup(EXECUTOR);
        } catch (NamingException e) {
            throw new IllegalStateException("@Inject WorkerPool needs the container's " + EXECUTOR + ": " + e, e);
        }
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
