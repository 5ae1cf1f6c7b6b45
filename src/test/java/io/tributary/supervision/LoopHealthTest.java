package io.tributary.supervision;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tributary.eventstream.ExponentialBackoff;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class LoopHealthTest {

    private static final Logger LOG = Logger.getLogger(LoopHealth.class.getName());
    private final List<LogRecord> logged = new CopyOnWriteArrayList<>();
    private final Handler recorder = new Handler() {
        @Override
        public void publish(LogRecord record) {
            logged.add(record);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeEach
    void record() {
        LOG.addHandler(recorder);
    }

    @AfterEach
    void stopRecording() {
        LOG.removeHandler(recorder);
    }

    @Test
    void failuresMakeItRecoveringWithGrowingBoundedBackoffAndEachChangeIsLoggedOnce() {
        ExponentialBackoff backoff = new ExponentialBackoff(Duration.ofMillis(100), Duration.ofMillis(400));
        try (LoopHealth loop = LoopHealth.start("test loop", backoff)) {
            assertEquals(LoopHealth.State.RUNNING, loop.state());
            assertTrue(Loops.live().contains(loop));
            Duration first = loop.failed(new IOException("down 1"));
            loop.failed(new IOException("down 2"));
            Duration third = loop.failed(new IOException("down 3"));
            Duration fourth = loop.failed(new IOException("down 4"));
            assertEquals(LoopHealth.State.RECOVERING, loop.state());
            assertTrue(loop.describe().contains("4 failure(s)") && loop.describe().contains("down 4"), loop.describe());
            assertTrue(loop.summary().contains("java.io.IOException") && !loop.summary().contains("down 4"),
                    "readiness shows the kind of failure, not its text: " + loop.summary());
            assertTrue(first.compareTo(Duration.ofMillis(100)) <= 0 && first.compareTo(Duration.ofMillis(50)) >= 0,
                    "first backoff " + first);
            assertTrue(third.compareTo(Duration.ofMillis(200)) >= 0 && fourth.compareTo(Duration.ofMillis(400)) <= 0,
                    "backoff grows to its cap: " + third + ", " + fourth);
            loop.succeeded();
            loop.succeeded();
            assertEquals(LoopHealth.State.RUNNING, loop.state());
            assertFalse(loop.describe().contains("down"), loop.describe());
        }
        assertEquals(List.of(Level.WARNING, Level.INFO), logged.stream().map(LogRecord::getLevel)
                .filter(l -> l.intValue() >= Level.INFO.intValue()).toList(), "one WARNING for the failure, one INFO for the recovery");
    }

    @Test
    void aClosedLoopIsNoLongerListed() {
        LoopHealth loop = LoopHealth.start("short loop");
        loop.close();
        loop.close();
        assertFalse(Loops.live().contains(loop));
    }
}
