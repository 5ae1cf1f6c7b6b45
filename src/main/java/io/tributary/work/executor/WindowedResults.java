package io.tributary.work.executor;

import io.tributary.work.Outcome;
import io.tributary.work.Results;

import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CancellationException;

/**
 * {@link Results} that keep at most {@code window} payloads of the input in the pool. Finished outcomes
 * wait in a queue of {@code window} places, which can never overflow: each in-flight payload adds one.
 */
final class WindowedResults<T, R> implements Results<T, R> {

    private final ExecutorWorkerPool<T, R> pool;
    private final Iterator<? extends T> input;
    private final int window;
    private final BlockingQueue<Outcome<T, R>> finished;
    private int inFlight;
    private Outcome<T, R> ready;
    private boolean closed;

    WindowedResults(ExecutorWorkerPool<T, R> pool, Iterator<? extends T> input, int window) {
        this.pool = pool;
        this.input = input;
        this.window = window;
        this.finished = new ArrayBlockingQueue<>(window);
    }

    @Override
    public boolean hasNext() {
        if (ready != null) {
            return true;
        }
        try {
            fill();
            if (inFlight == 0 || closed) {
                return false;
            }
            ready = finished.take();
            inFlight--;
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            CancellationException c = new CancellationException("interrupted while waiting for pool '" + pool.name()
                    + "'; " + inFlight + " payloads of the input are still in the pool");
            c.initCause(e);
            throw c;
        }
    }

    @Override
    public Outcome<T, R> next() {
        if (!hasNext()) {
            throw new NoSuchElementException("no more outcomes: the input is exhausted and every outcome was read");
        }
        Outcome<T, R> out = ready;
        ready = null;
        return out;
    }

    @Override
    public int inFlight() {
        return inFlight;
    }

    @Override
    public void close() {
        closed = true;
    }

    private void fill() throws InterruptedException {
        while (!closed && inFlight < window && input.hasNext()) {
            T payload = input.next();
            if (payload == null) {
                throw new NullPointerException("the input of pool '" + pool.name() + "' gave a null payload");
            }
            inFlight++;
            pool.submitOrRefuse(payload).whenComplete((outcome, error) -> finished.add(outcome));
        }
    }
}
