package io.tributary.bench;

import io.tributary.stream.Consumer;
import io.tributary.stream.Message;
import io.tributary.stream.Streams;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.transaction.Status;
import jakarta.transaction.UserTransaction;
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
 * reading its body, on one thread of the server's managed executor, until the application stops. With
 * {@code bench.jta=true} each batch is received and acked inside a JTA transaction of its own
 * ({@link UserTransaction}: begin, receive, ack, commit), so the acks commit through the adapter's XA resource
 * as part of that transaction. A failed receive or commit is logged and retried after {@value #BACKOFF_MILLIS} ms
 * (the batch comes again).
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

    @Inject
    @ConfigProperty(name = "bench.jta", defaultValue = "false")
    boolean jta;

    @Resource
    ManagedExecutorService executor;

    @Resource
    UserTransaction transaction;

    private volatile boolean running = true;
    private Future<?> loop;

    void start(@Observes @Initialized(ApplicationScoped.class) Object started) {
        loop = executor.submit(this::drain);
    }

    private void drain() {
        try (Consumer consumer = streams.consumer(queue)) {
            while (running) {
                try {
                    if (jta) {
                        drainInTransaction(consumer);
                    } else {
                        drainBatch(consumer);
                    }
                } catch (InterruptedException e) {
                    throw e;
                } catch (Exception e) {
                    LOG.log(Level.WARNING, "bench drain of " + queue + " failed; retrying", e);
                    LockSupport.parkNanos(BACKOFF_MILLIS * 1_000_000);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void drainBatch(Consumer consumer) throws InterruptedException {
        for (Message m : consumer.receive()) {
            m.value();
            consumer.ack(m);
        }
    }

    /** One batch in a JTA transaction of its own; anything that fails rolls it back (the batch comes again). */
    private void drainInTransaction(Consumer consumer) throws Exception {
        transaction.begin();
        try {
            drainBatch(consumer);
            transaction.commit();
        } catch (Exception e) {
            if (transaction.getStatus() != Status.STATUS_NO_TRANSACTION) {
                transaction.rollback();
            }
            throw e;
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
