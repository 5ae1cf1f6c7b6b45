package it.io.tributary;

import io.tributary.work.Outcome;
import io.tributary.work.RecordingFactory;
import io.tributary.work.WorkerPool;
import io.tributary.work.executor.ExecutorWorkerPool;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.inject.Inject;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import javax.naming.InitialContext;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * In the Liberty server: the injected {@link WorkerPool} runs its operations on the container's default
 * {@code ManagedExecutorService} -- Liberty's executor threads, with the application's context (JNDI
 * {@code java:comp} lookups and the application's class loader work inside an operation).
 */
@ExtendWith(ArquillianExtension.class)
class WorkerPoolIT {

    private static final long WAIT_SECONDS = 30;

    @Deployment
    static WebArchive deployment() {
        return Deployments.application(WorkerPoolIT.class, RecordingFactory.class);
    }

    @Inject
    @SuppressWarnings("rawtypes")
    WorkerPool pool;

    @SuppressWarnings("unchecked")
    private Object run(Callable<?> task) throws Exception {
        CompletionStage<Outcome<Object, Object>> stage = pool.submit(task);
        Outcome<Object, Object> outcome = stage.toCompletableFuture().get(WAIT_SECONDS, TimeUnit.SECONDS);
        assertTrue(outcome.succeeded(), () -> "operation failed: " + outcome.error());
        return outcome.value();
    }

    @Test
    void theInjectedPoolRunsOnLibertysManagedExecutorThreads() throws Exception {
        String caller = Thread.currentThread().getName();
        String worker = (String) run(() -> Thread.currentThread().getName());

        assertTrue(worker.startsWith("Default Executor-thread-"), "operation ran on " + worker);
        assertNotEquals(caller, worker);
        assertEquals(WorkerPool.State.RUNNING, pool.state());
    }

    @Test
    void operationsSeeTheApplicationsContainerContext() throws Exception {
        ClassLoader app = Thread.currentThread().getContextClassLoader();

        Object executor = run(() -> new InitialContext().lookup("java:comp/DefaultManagedExecutorService"));
        Object loader = run(() -> Thread.currentThread().getContextClassLoader());

        assertTrue(executor instanceof ManagedExecutorService, "lookup gave " + executor);
        assertSame(app, loader, "operations run with the application's class loader");
    }

    @Test
    void aPoolBuiltOnTheInjectedManagedExecutorRetriesAndReplacesWorkersOnContainerThreads() throws Exception {
        RecordingFactory<String> factory = new RecordingFactory<>("flaky", p -> true, op -> {
            if (op.tries() == 1) {
                throw new IllegalStateException("first try fails");
            }
            new InitialContext().lookup("java:comp/DefaultManagedExecutorService");
            return Thread.currentThread().getName();
        });
        ManagedExecutorService containerExecutor = InitialContext.doLookup("java:comp/DefaultManagedExecutorService");
        WorkerPool<String, String> own = ExecutorWorkerPool.<String, String>builder("it")
                .executor(containerExecutor).workers("flaky", 2, factory).build();
        own.start();
        try {
            Outcome<String, String> o = own.submit("x").toCompletableFuture().get(WAIT_SECONDS, TimeUnit.SECONDS);

            assertTrue(o.succeeded(), () -> "failed: " + o.error());
            assertEquals(2, o.tries());
            assertTrue(o.value().startsWith("Default Executor-thread-"), o.value());
            assertEquals(1, own.restarts());
        } finally {
            own.shutdown();
            assertTrue(own.awaitTermination(Duration.ofSeconds(WAIT_SECONDS)));
        }
        assertEquals(factory.created.get(), factory.closed.get(), "every worker closed");
    }
}
