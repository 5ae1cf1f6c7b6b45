package io.tributary.stream.jms;

import java.time.Duration;
import java.util.Collection;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/** Waits, with a bound, for the send stages a producer has open (its {@code flush}). Stateless. */
final class Settled {

    private Settled() {
    }

    /**
     * Waits until every one of {@code stages} has completed, normally or not, for at most {@code timeout}.
     *
     * @param stillOpen what is left, for the timeout's message (called only on timeout)
     * @throws TimeoutException naming what is still open
     */
    static void await(Collection<? extends CompletableFuture<?>> stages, Duration timeout, Supplier<String> stillOpen)
            throws InterruptedException, TimeoutException {
        CompletableFuture<?>[] waiting = stages.stream()
                .map(f -> f.handle((v, e) -> null))
                .toArray(CompletableFuture[]::new);
        try {
            CompletableFuture.allOf(waiting).get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException("unreachable: failures are handled", e);
        } catch (TimeoutException e) {
            throw new TimeoutException(stillOpen.get());
        }
    }
}
