package io.tributary.broker.jms;

import jakarta.jms.JMSException;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageListener;

import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Hands each message of a consumer to a listener from a thread of its own, for connections that forbid
 * message listeners (a Jakarta EE server's, in container-managed mode).
 *
 * <p>The thread waits at most {@value #RECEIVE_MILLIS} ms per receive. A failing receive (broker away,
 * handle broken) is logged at WARNING once per run of failures and retried after a backoff that doubles
 * from {@value #FIRST_BACKOFF_MILLIS} ms to {@value #MAX_BACKOFF_MILLIS} ms; the Artemis client under the
 * consumer reconnects meanwhile, and the first good receive logs the recovery. A listener's own failure is
 * the listener's to handle (it must not throw). {@link #close()} stops the thread and waits for it at most
 * {@value #CLOSE_WAIT_MILLIS} ms; it never closes the consumer. Thread safety: the consumer is used by this
 * thread only, until {@link #close()} returns.
 */
final class NoticePoller implements AutoCloseable {

    static final long RECEIVE_MILLIS = 500;
    static final long FIRST_BACKOFF_MILLIS = 100;
    static final long MAX_BACKOFF_MILLIS = 5_000;
    static final long CLOSE_WAIT_MILLIS = 5_000;

    private static final Logger LOG = Logger.getLogger(NoticePoller.class.getName());

    private final String what;
    private final MessageConsumer consumer;
    private final MessageListener listener;
    private final Thread thread;
    private volatile boolean stopping;

    /** Starts polling {@code consumer} for {@code listener}; {@code what} names it in logs. */
    NoticePoller(String what, MessageConsumer consumer, MessageListener listener) {
        this.what = what;
        this.consumer = consumer;
        this.listener = listener;
        this.thread = new Thread(this::run, "tributary-poll " + what);
        thread.setDaemon(true);
        thread.start();
    }

    private void run() {
        int failures = 0;
        while (!stopping) {
            try {
                jakarta.jms.Message m = consumer.receive(RECEIVE_MILLIS);
                if (failures > 0) {
                    LOG.info(() -> what + ": receiving again");
                    failures = 0;
                }
                if (m != null) {
                    listener.onMessage(m);
                }
            } catch (JMSException | RuntimeException e) {
                if (stopping) {
                    return;
                }
                failures++;
                LOG.log(failures == 1 ? Level.WARNING : Level.FINE, e, () -> what + ": receive failed; retrying with backoff");
                if (!backOff(failures)) {
                    return;
                }
            }
        }
    }

    private boolean backOff(int failures) {
        long wait = Math.min(MAX_BACKOFF_MILLIS, FIRST_BACKOFF_MILLIS << Math.min(failures - 1, 10));
        try {
            Thread.sleep(wait);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Stops the thread; returns once it has ended or {@value #CLOSE_WAIT_MILLIS} ms have passed. */
    @Override
    public void close() {
        stopping = true;
        thread.interrupt();
        try {
            thread.join(CLOSE_WAIT_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
