package it.io.tributary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import javax.naming.InitialContext;
import org.eclipse.microprofile.config.Config;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs inside the Arquillian Liberty server with the real application WAR deployed, and checks the
 * wiring every other in-container test relies on: CDI, MicroProfile Config with the server's
 * settings, the output directory, and the bounded default executor.
 */
@ExtendWith(ArquillianExtension.class)
class ContainerSmokeIT {

    private static final long START_DEADLINE_SECONDS = 30;

    @Deployment
    static WebArchive deployment() {
        return Deployments.application(ContainerSmokeIT.class);
    }

    @Inject
    BeanManager beanManager;

    @Inject
    Config config;

    @Test
    void cdiSeesTheApplication() throws ClassNotFoundException {
        assertNotNull(beanManager, "no BeanManager injected: the test is not running inside the server");
        Class<?> applicationClass = Thread.currentThread().getContextClassLoader()
                .loadClass("io.tributary.stream.Message");
        assertNotNull(beanManager.createAnnotatedType(applicationClass));
    }

    @Test
    void configHasThisServersSettings() {
        assertEquals(0, config.getValue("tributary.embedded.port", Integer.class),
                "the Arquillian server's embedded broker must have no TCP acceptor (in-VM only)");
    }

    @Test
    void outputDirectoryIsDiscoverable() {
        String outputDir = System.getProperty("server.output.dir");
        assertNotNull(outputDir, "Liberty did not set the system property server.output.dir");
        assertTrue(Files.isDirectory(Path.of(outputDir)) && Files.isWritable(Path.of(outputDir)),
                "server.output.dir " + outputDir + " is not a writable directory");
    }

    @Test
    void defaultExecutorRejectsWorkBeyondItsBounds() throws Exception {
        int max = config.getValue("executor.max", Integer.class);
        int maxQueueSize = config.getValue("executor.maxQueueSize", Integer.class);
        ManagedExecutorService executor = InitialContext.doLookup("java:comp/DefaultManagedExecutorService");
        CountDownLatch started = new CountDownLatch(max);
        CountDownLatch release = new CountDownLatch(1);
        List<Future<?>> tasks = new ArrayList<>();
        try {
            for (int i = 0; i < max; i++) {
                tasks.add(executor.submit(() -> {
                    started.countDown();
                    return release.await(START_DEADLINE_SECONDS, TimeUnit.SECONDS);
                }));
            }
            assertTrue(started.await(START_DEADLINE_SECONDS, TimeUnit.SECONDS),
                    "only " + (max - started.getCount()) + " of " + max + " tasks started");
            for (int i = 0; i < maxQueueSize; i++) {
                tasks.add(executor.submit(() -> release.await(START_DEADLINE_SECONDS, TimeUnit.SECONDS)));
            }
            assertThrows(RejectedExecutionException.class, () -> executor.submit(() -> true),
                    "a task beyond " + max + " running and " + maxQueueSize + " queued was accepted");
        } finally {
            release.countDown();
        }
        for (Future<?> task : tasks) {
            task.get(START_DEADLINE_SECONDS, TimeUnit.SECONDS);
        }
    }
}
