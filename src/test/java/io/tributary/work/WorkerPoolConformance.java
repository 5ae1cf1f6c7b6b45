package io.tributary.work;

import io.tributary.stream.RedeliveryPolicy;
import io.tributary.work.executor.WorkerPoolBuilder;
import io.tributary.work.executor.ExecutorWorkerPool;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The {@link WorkerPool} contract. Subclasses say which executor the pool runs on and which threads
 * the operations must therefore see.
 */
public abstract class WorkerPoolConformance {

    private static final Duration WAIT = Eventually.PATIENCE;
    private static final RedeliveryPolicy QUICK_RETRY =
            new RedeliveryPolicy(3, Duration.ofMillis(1), 2.0, Duration.ofMillis(4));

    private final List<WorkerPool<?, ?>> pools = new ArrayList<>();
    private final CountDownLatch release = new CountDownLatch(1);

    /** Gives the builder the executor under test (or none, for an own one). */
    protected abstract <T, R> WorkerPoolBuilder<T, R> onExecutor(WorkerPoolBuilder<T, R> builder);

    /** Whether a worker thread name belongs to the executor under test. */
    protected abstract boolean isExecutorThread(String threadName);

    /** A builder with the executor under test and quick retries; the pool is shut down after the test. */
    protected <T, R> WorkerPoolBuilder<T, R> builder(String name) {
        return onExecutor(ExecutorWorkerPool.<T, R>builder(name).retry(QUICK_RETRY));
    }

    protected <T, R> WorkerPool<T, R> started(WorkerPoolBuilder<T, R> builder) {
        WorkerPool<T, R> pool = builder.build();
        pools.add(pool);
        pool.start();
        return pool;
    }

    /** Releases what the subclass holds; called after every pool of the test terminated. */
    protected void afterPools() throws InterruptedException {
    }

    @AfterEach
    void shutDownPools() throws InterruptedException {
        release.countDown();
        try {
            for (WorkerPool<?, ?> p : pools) {
                p.shutdown();
                assertTrue(p.awaitTermination(WAIT), "pool " + p.name() + " did not terminate");
            }
        } finally {
            afterPools();
        }
    }

    private String blockUntilReleased(Operation<?> op) throws InterruptedException {
        assertTrue(release.await(WAIT.toSeconds(), TimeUnit.SECONDS), "the test never released the worker");
        return "released:" + op.payload();
    }

    private static <T, R> Outcome<T, R> outcome(CompletionStage<Outcome<T, R>> stage) throws Exception {
        return stage.toCompletableFuture().get(WAIT.toSeconds(), TimeUnit.SECONDS);
    }

    @Test
    void submitRunsTheOperationOnTheExecutorAndCompletesWithItsValue() throws Exception {
        RecordingFactory<String> f = RecordingFactory.echo("echo");
        WorkerPool<String, String> pool = started(this.<String, String>builder("p").workers("echo", 2, f));

        Outcome<String, String> o = outcome(pool.submit("a"));

        assertTrue(o.succeeded(), () -> "failed: " + o.error());
        assertEquals("echo:a", o.value());
        assertEquals(1, o.tries());
        assertNull(o.error());
        assertTrue(isExecutorThread(f.threads.get(0)), "ran on " + f.threads.get(0));
        assertEquals(WorkerPool.State.RUNNING, pool.state());
    }

    @Test
    void aFailingOperationIsRetriedUpToTheLimitWithItsTryCountThenFailedWithTheLastError() throws Exception {
        RecordingFactory<String> f = new RecordingFactory<>("bad", p -> true, op -> {
            throw new IllegalStateException("failure on try " + op.tries());
        });
        WorkerPool<String, String> pool = started(this.<String, String>builder("p").workers("bad", 1, f));

        Outcome<String, String> o = outcome(pool.submit("x"));

        assertFalse(o.succeeded());
        assertEquals(3, o.tries());
        assertEquals("failure on try 3", o.error().getMessage());
        assertEquals(List.of(1, 2, 3), f.attempts.stream().map(Operation::tries).toList());
        assertNull(f.attempts.get(0).lastError());
        assertEquals("failure on try 2", f.attempts.get(2).lastError().getMessage());
        assertEquals(1, f.attempts.stream().map(Operation::id).distinct().count(), "one id for every attempt");
    }

    @Test
    void aFlakyOperationSucceedsOnARetryAndReportsItsTries() throws Exception {
        RecordingFactory<String> f = new RecordingFactory<>("flaky", p -> true, op -> {
            if (op.tries() < 3) {
                throw new java.io.IOException("not yet");
            }
            return "ok on " + op.tries();
        });
        WorkerPool<String, String> pool = started(this.<String, String>builder("p").workers("flaky", 2, f));

        Outcome<String, String> o = outcome(pool.submit("x"));

        assertTrue(o.succeeded());
        assertEquals("ok on 3", o.value());
        assertEquals(3, o.tries());
    }

    @Test
    void retriesWaitAtLeastTheirExponentialBackoff() throws Exception {
        List<Long> starts = Collections.synchronizedList(new ArrayList<>());
        RecordingFactory<String> f = new RecordingFactory<>("slow", p -> true, op -> {
            starts.add(System.nanoTime());
            throw new IllegalStateException("no");
        });
        WorkerPool<String, String> pool = started(this.<String, String>builder("p")
                .retry(new RedeliveryPolicy(3, Duration.ofMillis(30), 2.0, Duration.ofMillis(60)))
                .workers("slow", 1, f));

        assertFalse(outcome(pool.submit("x")).succeeded());

        assertTrue(starts.get(1) - starts.get(0) >= TimeUnit.MILLISECONDS.toNanos(30), "first backoff too short");
        assertTrue(starts.get(2) - starts.get(1) >= TimeUnit.MILLISECONDS.toNanos(60), "second backoff too short");
    }

    @Test
    void aWorkerThatThrowsIsClosedAndReplacedByAFreshOne() throws Exception {
        RecordingFactory<String> f = new RecordingFactory<>("w", p -> true, op -> {
            if (op.payload().equals("boom") && op.tries() == 1) {
                throw new OutOfMemoryError("simulated");
            }
            return op.payload();
        });
        WorkerPool<String, String> pool = started(this.<String, String>builder("p").workers("w", 2, f));

        Outcome<String, String> boom = outcome(pool.submit("boom"));

        assertTrue(boom.succeeded(), "retried on a fresh worker");
        assertEquals(2, boom.tries());
        Eventually.holds("the failed worker is replaced", () -> pool.restarts() == 1 && f.created.get() == 3);
        Eventually.holds("the failed worker is closed", () -> f.closed.get() == 1);
        for (int i = 0; i < 20; i++) {
            assertTrue(outcome(pool.submit("after" + i)).succeeded());
        }
        assertTrue(f.threads.stream().allMatch(this::isExecutorThread), "threads " + f.threads);
    }

    @Test
    void aFactoryThatFailsOnReplacementIsAskedAgainAfterBackoff() throws Exception {
        RecordingFactory<String> f = new RecordingFactory<>("w", p -> true, op -> {
            if (op.tries() == 1) {
                throw new IllegalStateException("first try fails");
            }
            return op.payload();
        });
        WorkerPool<String, String> pool = started(this.<String, String>builder("p").workers("w", 1, f));
        f.failCreations.set(3);

        Outcome<String, String> o = outcome(pool.submit("x"));

        assertTrue(o.succeeded());
        assertEquals(0, f.failCreations.get(), "the factory was asked again until it worked");
        assertEquals(2, f.created.get());
    }

    @Test
    void payloadsAreRoutedToTheFirstKindThatAcceptsThem() throws Exception {
        RecordingFactory<Object> text = new RecordingFactory<>("text", p -> p instanceof String, op -> "text");
        RecordingFactory<Object> number = new RecordingFactory<>("number", p -> p instanceof Integer, op -> "number");
        RecordingFactory<Object> any = new RecordingFactory<>("any", p -> true, op -> "any");
        WorkerPool<Object, String> pool = started(this.<Object, String>builder("p")
                .workers("text", 1, text).workers("number", 2, number).workers("any", 1, any));

        assertEquals("text", outcome(pool.submit("s")).value());
        assertEquals("number", outcome(pool.submit(7)).value());
        assertEquals("any", outcome(pool.submit(2.5)).value());
        assertEquals(1, text.attempts.size());
        assertEquals(1, number.attempts.size());
    }

    @Test
    void aPayloadNoKindAcceptsIsRefusedNamingItAndTheKinds() {
        WorkerPool<Object, String> pool = started(this.<Object, String>builder("p")
                .workers("text", 1, new RecordingFactory<>("text", p -> p instanceof String, op -> "t")));

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> pool.submit(42));

        assertTrue(e.getMessage().contains("42") && e.getMessage().contains("text"), e.getMessage());
        assertEquals(0, pool.pending());
    }

    @Test
    void executeCompletesWithEveryOutcomeInInputOrder() throws Exception {
        RecordingFactory<Integer> f = new RecordingFactory<>("w", p -> true, op -> {
            if (op.payload() % 3 == 0) {
                throw new IllegalArgumentException("multiple of three: " + op.payload());
            }
            return "ok" + op.payload();
        });
        WorkerPool<Integer, String> pool = started(this.<Integer, String>builder("p").workers("w", 3, f));
        List<Integer> input = IntStream.rangeClosed(1, 30).boxed().toList();

        List<Outcome<Integer, String>> outcomes =
                pool.execute(input).toCompletableFuture().get(WAIT.toSeconds(), TimeUnit.SECONDS);

        assertEquals(input, outcomes.stream().map(Outcome::payload).toList());
        for (Outcome<Integer, String> o : outcomes) {
            boolean shouldFail = o.payload() % 3 == 0;
            assertEquals(!shouldFail, o.succeeded(), "payload " + o.payload());
            assertEquals(shouldFail ? 3 : 1, o.tries());
        }
    }

    @Test
    void executeReportsPayloadsNoKindAcceptsAsRefusedWithoutTries() throws Exception {
        WorkerPool<Object, String> pool = started(this.<Object, String>builder("p")
                .workers("text", 1, new RecordingFactory<>("text", p -> p instanceof String, op -> "t")));

        List<Outcome<Object, String>> outcomes =
                pool.execute(List.of("a", 1, "b")).toCompletableFuture().get(WAIT.toSeconds(), TimeUnit.SECONDS);

        assertEquals(List.of(true, false, true), outcomes.stream().map(Outcome::succeeded).toList());
        assertEquals(0, outcomes.get(1).tries());
        assertTrue(outcomes.get(1).error() instanceof IllegalArgumentException);
    }

    @Test
    void wrapHandsOutEveryOutcomeOnceAndReadsTheInputOnlyAsFastAsResultsAreRead() throws Exception {
        RecordingFactory<Integer> f = new RecordingFactory<>("w", p -> true, op -> "v" + op.payload());
        WorkerPool<Integer, String> pool = started(this.<Integer, String>builder("p").workers("w", 3, f));
        AtomicInteger pulled = new AtomicInteger();
        Iterator<Integer> input = IntStream.range(0, 200).peek(i -> pulled.incrementAndGet()).boxed().iterator();
        int window = 5;

        Set<Integer> seen = new HashSet<>();
        int read = 0;
        try (Results<Integer, String> results = pool.wrap(input, window)) {
            while (results.hasNext()) {
                assertTrue(results.inFlight() <= window, "in flight " + results.inFlight());
                Outcome<Integer, String> o = results.next();
                read++;
                assertTrue(pulled.get() <= read + window, "pulled " + pulled.get() + " after reading " + read);
                assertTrue(o.succeeded());
                assertEquals("v" + o.payload(), o.value());
                assertTrue(seen.add(o.payload()), "twice: " + o.payload());
            }
        }
        assertEquals(200, seen.size());
    }

    @Test
    void trySubmitIsEmptyAndSubmitRefusesAfterItsTimeoutWhenThePoolIsFull() throws Exception {
        RecordingFactory<String> f = new RecordingFactory<>("w", p -> true, this::blockUntilReleased);
        WorkerPool<String, String> pool = started(this.<String, String>builder("p")
                .capacity(2).submitTimeout(Duration.ofMillis(20)).workers("w", 1, f));
        CompletionStage<Outcome<String, String>> a = pool.submit("a");
        CompletionStage<Outcome<String, String>> b = pool.submit("b");

        Optional<CompletionStage<Outcome<String, String>>> c = pool.trySubmit("c");
        RejectedExecutionException e = assertThrows(RejectedExecutionException.class, () -> pool.submit("d"));

        assertTrue(c.isEmpty());
        assertTrue(e.getMessage().contains("full"), e.getMessage());
        assertEquals(2, pool.pending());
        release.countDown();
        assertEquals("released:a", outcome(a).value());
        assertEquals("released:b", outcome(b).value());
        Eventually.holds("permits returned", () -> pool.pending() == 0);
        assertTrue(pool.trySubmit("e").isPresent());
    }

    @Test
    void submitWaitsForRoomWhenThePoolIsFull() throws Exception {
        RecordingFactory<String> f = new RecordingFactory<>("w", p -> true, this::blockUntilReleased);
        WorkerPool<String, String> pool = started(this.<String, String>builder("p").capacity(1).workers("w", 1, f));
        pool.submit("a");
        CompletableFuture<CompletionStage<Outcome<String, String>>> second = new CompletableFuture<>();
        Thread submitter = new Thread(() -> {
            try {
                second.complete(pool.submit("b"));
            } catch (Throwable t) {
                second.completeExceptionally(t);
            }
        });
        submitter.start();

        Eventually.holds("the second submit waits", () -> Eventually.isWaiting(submitter));
        assertFalse(second.isDone());
        release.countDown();

        assertEquals("released:b", outcome(second.get(WAIT.toSeconds(), TimeUnit.SECONDS)).value());
    }

    @Test
    void shutdownDuringLoadRunsEveryAcceptedOperationAndRefusesTheRest() throws Exception {
        RecordingFactory<Integer> f = new RecordingFactory<>("w", p -> true, op -> {
            if (op.payload() % 10 == 0 && op.tries() == 1) {
                throw new IllegalStateException("retry me");
            }
            return "done";
        });
        WorkerPool<Integer, String> pool = started(this.<Integer, String>builder("p").capacity(50).workers("w", 4, f));
        List<CompletionStage<Outcome<Integer, String>>> accepted = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger refused = new AtomicInteger();
        CountDownLatch loaded = new CountDownLatch(4 * 100);
        List<Thread> producers = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            int base = t * 1_000_000;
            Thread producer = new Thread(() -> {
                for (int i = 0; ; i++) {
                    try {
                        accepted.add(pool.submit(base + i));
                        loaded.countDown();
                    } catch (IllegalStateException e) {
                        refused.incrementAndGet();
                        return;
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
            producers.add(producer);
            producer.start();
        }
        assertTrue(loaded.await(WAIT.toSeconds(), TimeUnit.SECONDS), "load never built up");

        pool.shutdown();
        for (Thread p : producers) {
            p.join(WAIT.toMillis());
            assertFalse(p.isAlive(), "a producer was not refused");
        }

        assertTrue(pool.awaitTermination(WAIT));
        assertEquals(4, refused.get());
        Set<Integer> processed = new HashSet<>();
        for (CompletionStage<Outcome<Integer, String>> s : accepted) {
            Outcome<Integer, String> o = outcome(s);
            assertTrue(o.succeeded(), "accepted operation failed: " + o);
            processed.add(o.payload());
        }
        assertEquals(accepted.size(), processed.size());
        assertEquals(WorkerPool.State.TERMINATED, pool.state());
        assertEquals(f.created.get(), f.closed.get(), "every worker closed");
        assertEquals(0, pool.pending());
    }

    @Test
    void shutdownLetsRunningAndQueuedWorkFinishAndIsIdempotent() throws Exception {
        RecordingFactory<String> f = new RecordingFactory<>("w", p -> true, this::blockUntilReleased);
        WorkerPool<String, String> pool = started(this.<String, String>builder("p").workers("w", 1, f));
        CompletionStage<Outcome<String, String>> running = pool.submit("running");
        CompletionStage<Outcome<String, String>> queued = pool.submit("queued");
        Eventually.holds("the first operation runs", () -> f.running.get() == 1);

        pool.shutdown();
        pool.shutdown();

        assertEquals(WorkerPool.State.SHUTTING_DOWN, pool.state());
        assertFalse(pool.awaitTermination(Duration.ofMillis(1)));
        release.countDown();
        assertEquals("released:running", outcome(running).value());
        assertEquals("released:queued", outcome(queued).value());
        assertTrue(pool.awaitTermination(WAIT));
        pool.shutdown();
        assertEquals(WorkerPool.State.TERMINATED, pool.state());
    }

    @Test
    void submittingToAPoolThatIsNotRunningIsAnErrorNamingItsState() throws Exception {
        WorkerPool<String, String> pool = this.<String, String>builder("p")
                .workers("w", 1, RecordingFactory.echo("w")).build();
        pools.add(pool);

        IllegalStateException beforeStart = assertThrows(IllegalStateException.class, () -> pool.submit("a"));
        pool.start();
        IllegalStateException secondStart = assertThrows(IllegalStateException.class, pool::start);
        pool.shutdown();
        IllegalStateException afterShutdown = assertThrows(IllegalStateException.class, () -> pool.submit("a"));
        IllegalStateException trySubmit = assertThrows(IllegalStateException.class, () -> pool.trySubmit("a"));

        assertTrue(beforeStart.getMessage().contains("NEW"), beforeStart.getMessage());
        assertTrue(secondStart.getMessage().contains("RUNNING"), secondStart.getMessage());
        assertTrue(afterShutdown.getMessage().matches(".*(SHUTTING_DOWN|TERMINATED).*"), afterShutdown.getMessage());
        assertTrue(trySubmit.getMessage().matches(".*(SHUTTING_DOWN|TERMINATED).*"), trySubmit.getMessage());
        assertThrows(IllegalStateException.class, () -> pool.wrap(List.of("a").iterator(), 1));
        List<Outcome<String, String>> refused =
                pool.execute(List.of("a")).toCompletableFuture().get(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertTrue(refused.get(0).error() instanceof IllegalStateException);
    }

    @Test
    void shutdownOfAPoolNeverStartedTerminatesIt() throws Exception {
        RecordingFactory<String> f = RecordingFactory.echo("w");
        WorkerPool<String, String> pool = this.<String, String>builder("p").workers("w", 1, f).build();

        pool.shutdown();

        assertTrue(pool.awaitTermination(Duration.ZERO));
        assertEquals(WorkerPool.State.TERMINATED, pool.state());
        assertEquals(0, f.created.get());
        assertThrows(IllegalStateException.class, pool::start);
    }

    @Test
    void aFactoryFailingAtStartFailsTheStartAndClosesTheWorkersMadeSoFar() throws Exception {
        RecordingFactory<String> good = RecordingFactory.echo("good");
        RecordingFactory<String> bad = RecordingFactory.echo("bad");
        bad.failCreations.set(1);
        WorkerPool<String, String> pool = this.<String, String>builder("p")
                .workers("good", 2, good).workers("bad", 1, bad).build();

        IllegalStateException e = assertThrows(IllegalStateException.class, pool::start);

        assertTrue(e.getMessage().contains("'bad'"), e.getMessage());
        assertEquals(WorkerPool.State.TERMINATED, pool.state());
        assertEquals(2, good.closed.get());
    }

    @Test
    void badInputGetsAClearError() {
        WorkerPool<String, String> pool = started(this.<String, String>builder("p")
                .capacity(10).workers("w", 1, RecordingFactory.echo("w")));

        assertThrows(NullPointerException.class, () -> pool.submit(null));
        assertThrows(NullPointerException.class, () -> pool.trySubmit(null));
        assertThrows(NullPointerException.class, () -> pool.execute(null));
        NullPointerException element = assertThrows(NullPointerException.class,
                () -> pool.execute(java.util.Arrays.asList("a", null)));
        assertTrue(element.getMessage().contains("payload 1 of 2"), element.getMessage());
        for (int window : new int[] {0, -1, 11}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> pool.wrap(List.of("a").iterator(), window));
            assertTrue(e.getMessage().contains(String.valueOf(window)), e.getMessage());
        }
        Results<String, String> nulls = pool.wrap(java.util.Arrays.asList((String) null).iterator(), 1);
        assertThrows(NullPointerException.class, nulls::hasNext);
        assertEquals(0, pool.pending(), "nothing was accepted");
    }

    @Test
    void badConfigurationGetsAClearError() {
        WorkerFactory<String, String> f = RecordingFactory.echo("w");
        for (int n : new int[] {0, -3, WorkerPoolBuilder.MAX_CAPACITY + 1}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> ExecutorWorkerPool.builder("p").capacity(n));
            assertTrue(e.getMessage().contains(String.valueOf(n)), e.getMessage());
        }
        for (int n : new int[] {0, -1, WorkerPoolBuilder.MAX_WORKERS + 1}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> ExecutorWorkerPool.<String, String>builder("p").workers("w", n, f));
            assertTrue(e.getMessage().contains(String.valueOf(n)), e.getMessage());
        }
        assertThrows(IllegalArgumentException.class, () -> ExecutorWorkerPool.builder(""));
        assertThrows(IllegalArgumentException.class, () -> ExecutorWorkerPool.builder("a b"));
        assertThrows(IllegalArgumentException.class,
                () -> ExecutorWorkerPool.<String, String>builder("p").workers("w", 1, f).workers("w", 1, f));
        assertThrows(NullPointerException.class, () -> ExecutorWorkerPool.<String, String>builder("p").workers("w", 1, null));
        assertThrows(IllegalArgumentException.class,
                () -> ExecutorWorkerPool.builder("p").submitTimeout(Duration.ofMillis(-1)));
        assertThrows(IllegalStateException.class, () -> ExecutorWorkerPool.builder("p").build());
    }
}
