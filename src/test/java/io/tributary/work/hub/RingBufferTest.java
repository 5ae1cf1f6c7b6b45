package io.tributary.work.hub;

import io.tributary.work.Eventually;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RingBufferTest {

    private static final Duration NOW = Duration.ZERO;

    @Test
    void keepsFifoOrderAcrossTheWrapAround() throws Exception {
        RingBuffer<Integer> ring = RingBuffer.blocking(3);
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            assertTrue(ring.offer(i));
            if (i % 2 == 1) {
                out.add(ring.poll(NOW));
                out.add(ring.poll(NOW));
            }
        }
        assertEquals(List.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9), out);
        assertNull(ring.poll(NOW));
    }

    @Test
    void aBlockingRingRefusesWhatDoesNotFitAndDropsNothing() throws Exception {
        RingBuffer<String> ring = RingBuffer.blocking(2);
        assertTrue(ring.offer("a"));
        assertTrue(ring.offer("b"));

        assertFalse(ring.offer("c"));
        assertFalse(ring.put("c", Duration.ofMillis(5)));

        assertEquals(2, ring.size());
        assertEquals(0, ring.dropped());
        assertEquals("a", ring.poll(NOW));
    }

    @Test
    void putWaitsForRoom() throws Exception {
        RingBuffer<String> ring = RingBuffer.blocking(1);
        ring.offer("a");
        CompletableFuture<Boolean> put = new CompletableFuture<>();
        Thread t = new Thread(() -> {
            try {
                put.complete(ring.put("b", Duration.ofSeconds(20)));
            } catch (InterruptedException e) {
                put.completeExceptionally(e);
            }
        });
        t.start();
        Eventually.holds("put waits", () -> Eventually.isWaiting(t));
        assertFalse(put.isDone());

        assertEquals("a", ring.poll(NOW));

        assertTrue(put.get(20, TimeUnit.SECONDS));
        assertEquals("b", ring.poll(NOW));
    }

    @Test
    void anOverwritingRingDropsTheOldestAndReportsEveryDrop() throws Exception {
        List<Integer> drops = new ArrayList<>();
        RingBuffer<Integer> ring = RingBuffer.overwriting(3, drops::add);

        for (int i = 0; i < 7; i++) {
            assertTrue(ring.offer(i));
        }

        assertEquals(List.of(0, 1, 2, 3), drops);
        assertEquals(4, ring.dropped());
        assertEquals(List.of(4, 5, 6), ring.close());
    }

    @Test
    void closeHandsBackWhatWasLeftAndTakesNothingMore() throws Exception {
        RingBuffer<String> ring = RingBuffer.blocking(4);
        ring.offer("a");
        ring.offer("b");

        assertEquals(List.of("a", "b"), ring.close());

        assertTrue(ring.isClosed());
        assertFalse(ring.offer("c"));
        assertFalse(ring.put("c", Duration.ofSeconds(1)));
        assertNull(ring.poll(Duration.ofSeconds(1)), "a closed empty ring returns at once");
        assertEquals(List.of(), ring.close());
    }

    @Test
    void badInputGetsAClearError() {
        for (int n : new int[] {0, -1, RingBuffer.MAX_CAPACITY + 1}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RingBuffer.blocking(n));
            assertTrue(e.getMessage().contains(String.valueOf(n)), e.getMessage());
        }
        assertThrows(NullPointerException.class, () -> RingBuffer.overwriting(1, null));
        assertThrows(NullPointerException.class, () -> RingBuffer.blocking(1).offer(null));
    }
}
