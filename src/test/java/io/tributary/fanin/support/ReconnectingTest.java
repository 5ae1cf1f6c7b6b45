package io.tributary.fanin.support;

import io.tributary.fanin.Emitter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.tributary.supervision.LoopHealth;
import io.tributary.supervision.Loops;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertThrows;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ReconnectingTest {

    /** An emitter that takes nothing and is cancelled on demand. */
    private static final class Cancellable implements Emitter<Object> {
        private final CountDownLatch cancelled = new CountDownLatch(1);

        @Override
        public boolean emit(Object item) {
            return false;
        }

        @Override
        public boolean isCancelled() {
            return cancelled.getCount() == 0;
        }

        @Override
        public boolean awaitCancelled(Duration timeout) throws InterruptedException {
            return cancelled.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
        }

        void cancel() {
            cancelled.countDown();
        }
    }

    @Test
    void aRetriedFailureStartsANewSessionAfterABackoff() throws Exception {
        Cancellable out = new Cancellable();
        AtomicInteger sessions = new AtomicInteger();
        AtomicInteger connected = new AtomicInteger();
        new Reconnecting<>("test source", IOException.class).run(out, onConnected -> {
            if (sessions.incrementAndGet() == 1) {
                throw new IOException("down");
            }
            onConnected.run();
            connected.incrementAndGet();
            out.cancel();
        });
        assertEquals(2, sessions.get());
        assertEquals(1, connected.get());
    }

    @Test
    void otherFailuresEndTheShare() {
        Cancellable out = new Cancellable();
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> new Reconnecting<>("test source", IOException.class).run(out, onConnected -> {
                    throw new IllegalStateException("bug");
                }));
        assertEquals("bug", e.getMessage());
    }

    @Test
    void cancellationCutsTheBackoffShort() throws Exception {
        Cancellable out = new Cancellable();
        AtomicInteger sessions = new AtomicInteger();
        Thread canceller = new Thread(() -> {
            while (sessions.get() == 0) {
                Thread.onSpinWait();
            }
            out.cancel();
        });
        canceller.start();
        new Reconnecting<>("test source", IOException.class).run(out, onConnected -> {
            sessions.incrementAndGet();
            throw new IOException("always down");
        });
        canceller.join();
        assertEquals(1, sessions.get(), "no second session once cancelled during the first backoff");
    }

    @Test
    void whileItRetriesTheSourceIsRecoveringInReadiness() throws Exception {
        Cancellable out = new Cancellable();
        AtomicInteger sessions = new AtomicInteger();
        List<LoopHealth.State> seen = new ArrayList<>();
        new Reconnecting<>("readiness test source", IOException.class).run(out, onConnected -> {
            if (sessions.incrementAndGet() == 1) {
                seen.add(state("readiness test source"));
                throw new IOException("down");
            }
            seen.add(state("readiness test source"));
            onConnected.run();
            seen.add(state("readiness test source"));
            out.cancel();
        });
        assertEquals(List.of(LoopHealth.State.RUNNING, LoopHealth.State.RECOVERING, LoopHealth.State.RUNNING), seen);
        assertTrue(Loops.live().stream().noneMatch(l -> l.name().equals("readiness test source")),
                "a share that ended is no longer listed");
    }

    private static LoopHealth.State state(String name) {
        return Loops.live().stream().filter(l -> l.name().equals(name)).findFirst().orElseThrow().state();
    }
}
