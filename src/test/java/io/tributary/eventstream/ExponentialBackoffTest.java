package io.tributary.eventstream;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ExponentialBackoffTest {

    private final ExponentialBackoff backoff = new ExponentialBackoff(Duration.ofMillis(100), Duration.ofSeconds(1));

    @Test
    void theBoundDoublesUntilTheCap() {
        assertEquals(Duration.ofMillis(100), backoff.bound(1));
        assertEquals(Duration.ofMillis(200), backoff.bound(2));
        assertEquals(Duration.ofMillis(400), backoff.bound(3));
        assertEquals(Duration.ofMillis(800), backoff.bound(4));
        assertEquals(Duration.ofSeconds(1), backoff.bound(5));
        assertEquals(Duration.ofSeconds(1), backoff.bound(Integer.MAX_VALUE));
    }

    @Test
    void delaysAreJitteredWithinHalfTheBoundAndTheBound() {
        for (int failures = 1; failures < 40; failures++) {
            Duration bound = backoff.bound(failures);
            for (int i = 0; i < 50; i++) {
                Duration delay = backoff.delay(failures);
                assertTrue(delay.compareTo(bound.dividedBy(2)) >= 0 && delay.compareTo(bound) <= 0,
                        "delay " + delay + " for " + failures + " failures within [" + bound.dividedBy(2) + ", " + bound + "]");
            }
        }
    }

    @Test
    void badSettingsAreRejectedByName() {
        IllegalArgumentException zero = assertThrows(IllegalArgumentException.class,
                () -> new ExponentialBackoff(Duration.ZERO, Duration.ofSeconds(1)));
        assertTrue(zero.getMessage().contains("PT0S"), zero.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new ExponentialBackoff(Duration.ofSeconds(2), Duration.ofSeconds(1)));
        assertThrows(IllegalArgumentException.class, () -> backoff.bound(0));
    }
}
