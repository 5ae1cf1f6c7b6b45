package io.tributary.work.executor;

import io.tributary.work.WorkerFactory;
import io.tributary.work.Worker;

import java.util.concurrent.Callable;

/**
 * A worker kind for general-purpose pools whose payloads are the work itself: it accepts
 * {@link Callable}s (the result is what they return) and {@link Runnable}s (the result is {@code null}).
 * Its workers hold nothing, so replacing one costs nothing.
 */
public final class Tasks implements WorkerFactory<Object, Object> {

    /** The kind name the CDI-produced pool uses for these workers. */
    public static final String KIND = "tasks";

    @Override
    public Worker<Object, Object> create() {
        return op -> {
            Object payload = op.payload();
            if (payload instanceof Callable<?> c) {
                return c.call();
            }
            ((Runnable) payload).run();
            return null;
        };
    }

    @Override
    public boolean accepts(Object payload) {
        return payload instanceof Callable<?> || payload instanceof Runnable;
    }
}
