package io.tributary.bench;

import io.tributary.stream.Consumer;
import io.tributary.stream.Message;
import io.tributary.stream.StreamException;
import io.tributary.stream.Streams;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.concurrent.Future;
import java.util.concurrent.locks.LockSupport;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The {@code tributary} container-managed peer of the benchmark, deployed on a Liberty server of its own
 * ({@link AppServerConsume}) with {@code tributary.connection-factory=jms/tributary}: from application start it
 * drains the stream named by {@code bench.queue} with the injected {@link Streams}' default consumer (transacted
 * batches through the resource adapter's pooled connections, adaptive by default), acking each message after
 * reading its body, on one thread of the server's managed executor, until the application stops. A failed
 * receive or commit is logged and retried after {@value #BACKOFF_MILLIS} ms (the batch comes again).
 */
@ApplicationScoped
public class BenchDrain {

    private static final Logger LOG = Logger.getLogger(BenchDrain.class.getName());
    private static final long BACKOFF_MILLIS = 100;

    @Inject
    Streams streams;

    @Inject
    @ConfigProperty(name = "bench.queue")
    String queue;

    @Resource
    ManagedExecutorService executor;

    private volatile boolean running = true;
    private Future<?> loop;

    void start(@Observes @Initialized(ApplicationScoped.class) Object started) {
        loop = executor.submit(this::drain);
    }

    private void drain() {
        try (Consumer consumer = streams.consumer(queue)) {
            while (running) {
                try {
                    for (Message m : consumer.receive()) {
                        m.value();
                        consumer.ack(m);
                    }
                } catch (StreamException e) {
                    LOG.log(Level.WARNING, "bench drain of " + queue + " failed; retrying", e);
                    LockSupport.parkNanos(BACKOFF_MILLIS * 1_000_000);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @PreDestroy
    void stop() {
        running = false;
        if (loop != null) {
            loop.cancel(true);
        }
    }
}
