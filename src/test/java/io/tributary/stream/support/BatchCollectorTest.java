package io.tributary.stream.support;

import io.tributary.stream.Message;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** How {@link BatchCollector} builds a batch from what a source yields, call by call. */
class BatchCollectorTest {

    private static final Duration LONG = Duration.ofSeconds(30);

    /** A source answering each take with the next scripted list (cut to max), then with nothing. */
    private static final class Scripted implements BatchCollector.Source<RuntimeException> {
        final Deque<List<Message>> answers = new ArrayDeque<>();
        final List<Integer> asked = new ArrayList<>();
        boolean interruptOnEmpty;

        Scripted answer(int n) {
            List<Message> ms = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                ms.add(Message.ofText("m" + i));
            }
            answers.add(ms);
            return this;
        }

        @Override
        public List<Message> take(int max, long deadlineNanos) throws InterruptedException {
            asked.add(max);
            if (answers.isEmpty()) {
                if (interruptOnEmpty) {
                    throw new InterruptedException("scripted");
                }
                return List.of();
            }
            List<Message> next = answers.poll();
            return next.subList(0, Math.min(max, next.size()));
        }
    }

    @Test
    void withoutLingerTheFirstTakeIsTheBatch() throws Exception {
        Scripted source = new Scripted().answer(3).answer(5);
        assertEquals(3, BatchCollector.collect(source, 10, LONG, Duration.ZERO).size());
        assertEquals(List.of(10), source.asked);
    }

    @Test
    void withLingerTakesMoreUntilMaxAskingOnlyForWhatIsMissing() throws Exception {
        Scripted source = new Scripted().answer(3).answer(4).answer(9);
        List<Message> batch = BatchCollector.collect(source, 10, LONG, LONG);
        assertEquals(10, batch.size());
        assertEquals(List.of(10, 7, 3), source.asked);
    }

    @Test
    void aTakeThatYieldsNothingBeforeTheLingerDeadlineEndsTheBatch() throws Exception {
        Scripted source = new Scripted().answer(2).answer(1);
        assertEquals(3, BatchCollector.collect(source, 10, LONG, LONG).size());
        assertEquals(3, source.asked.size());
    }

    @Test
    void nothingWithinTheWaitIsAnEmptyBatchWithoutLingering() throws Exception {
        Scripted source = new Scripted();
        assertTrue(BatchCollector.collect(source, 10, Duration.ZERO, LONG).isEmpty());
        assertEquals(1, source.asked.size());
    }

    @Test
    void anInterruptWhileLingeringKeepsWhatWasTakenAndTheFlag() throws Exception {
        Scripted source = new Scripted().answer(2);
        source.interruptOnEmpty = true;
        try {
            assertEquals(2, BatchCollector.collect(source, 10, LONG, LONG).size(),
                    "messages taken before the interrupt must be handed out, not dropped");
            assertTrue(Thread.currentThread().isInterrupted());
        } finally {
            Thread.interrupted();
        }
    }
}
