package io.tributary.connection;

import jakarta.jms.JMSException;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Takes connection handles from a container's factory on a thread of its own, which carries no JTA
 * transaction: a Jakarta EE server enlists a handle in the transaction of the thread that takes it, and
 * Tributary's long-lived sessions must belong to none. Each call waits at most {@link #WAIT_SECONDS}.
 * Thread-safe; {@link #close()} stops the thread, after which calls fail.
 */
final class HandleAllocator implements AutoCloseable {

    /** The longest a caller waits for a handle. */
    static final long WAIT_SECONDS = 60;

    /** Work that opens JMS resources. */
    @FunctionalInterface
    interface JmsWork<T> {
        /** Opens them. */
        T run() throws JMSException;
    }

    private final String name;
    private final ExecutorService thread;

    HandleAllocator(String name) {
        this.name = name;
        this.thread = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "tributary-handles " + name);
            t.setDaemon(true);
            return t;
        });
    }

    /** Runs {@code work} on the allocation thread and returns its result or throws its failure. */
    <T> T call(JmsWork<T> work) throws JMSException {
        Future<T> result;
        try {
            result = thread.submit(work::run);
        } catch (RejectedExecutionException e) {
            throw new jakarta.jms.IllegalStateException("the connections of " + name + " are closed");
        }
        try {
            return result.get(WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof JMSException jms ? jms : wrapped(e.getCause());
        } catch (TimeoutException e) {
            result.cancel(true);
            throw wrapped(new TimeoutException("no connection handle from " + name + " within " + WAIT_SECONDS + " s"));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            result.cancel(true);
            throw wrapped(e);
        }
    }

    @Override
    public void close() {
        thread.shutdownNow();
    }

    private JMSException wrapped(Throwable cause) {
        JMSException e = new JMSException("cannot open a connection from " + name + ": " + cause);
        e.initCause(cause);
        return e;
    }
}
