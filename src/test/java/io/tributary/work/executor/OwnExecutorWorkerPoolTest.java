package io.tributary.work.executor;

import io.tributary.work.WorkerPoolConformance;

/** The pool on the executor it creates and owns (outside a container). */
class OwnExecutorWorkerPoolTest extends WorkerPoolConformance {

    @Override
    protected <T, R> WorkerPoolBuilder<T, R> onExecutor(WorkerPoolBuilder<T, R> builder) {
        return builder;
    }

    @Override
    protected boolean isExecutorThread(String threadName) {
        return threadName.startsWith("tributary-work-p-");
    }
}
