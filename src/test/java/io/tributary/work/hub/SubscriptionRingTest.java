package io.tributary.work.hub;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SubscriptionRingTest {

    @Test
    void eachTurnStartsOnePlaceFurther() {
        SubscriptionRing<String> ring = new SubscriptionRing<>();
        ring.add("a");
        ring.add("b");
        ring.add("c");

        assertEquals(List.of("a", "b", "c"), ring.turn());
        assertEquals(List.of("b", "c", "a"), ring.turn());
        assertEquals(List.of("c", "a", "b"), ring.turn());
        assertEquals(List.of("a", "b", "c"), ring.turn());
    }

    @Test
    void removingAMemberKeepsTheTurnOfTheOthers() {
        SubscriptionRing<String> ring = new SubscriptionRing<>();
        List.of("a", "b", "c", "d").forEach(ring::add);
        ring.turn();
        ring.turn();

        assertTrue(ring.remove("a"));
        assertEquals("c", ring.turn().get(0));
        assertTrue(ring.remove("d"));
        assertEquals("b", ring.turn().get(0));
        assertFalse(ring.remove("zz"));
        assertEquals(2, ring.size());
    }

    @Test
    void anEmptyRingHasAnEmptyTurnAndAMemberJoinsOnce() {
        SubscriptionRing<String> ring = new SubscriptionRing<>();
        assertEquals(List.of(), ring.turn());
        ring.add("a");
        assertThrows(IllegalArgumentException.class, () -> ring.add("a"));
        assertThrows(NullPointerException.class, () -> ring.add(null));
    }
}
