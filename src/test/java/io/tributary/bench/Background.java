package io.tributary.bench;

import java.util.concurrent.CompletableFuture;

/**
 * Runs a piece of a scenario (a producer, a consumer) on its own new thread, since the common fork-join pool
 * has a single thread on a 2-core machine; the future completes when it returns or with what it threw.
 */
final class Background {

    /** Work that may throw. */
    interface Task {
        void run() throws Exception;
    }

    private Background() {
    }

    /** Starts {@code task} on a new thread named {@code name}. */
    static CompletableFuture<Void> start(String name, Task task) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        Thread thread = new Thread(() -> {
            try {
                task.run();
                done.complete(null);
            } catch (Throwable t) {
                done.completeExceptionally(t);
            }
        }, name);
        thread.setDaemon(true);
        thread.start();
        return done;
    }
}
