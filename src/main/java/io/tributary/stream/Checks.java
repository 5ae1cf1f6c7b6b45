package io.tributary.stream;

import java.time.Duration;

/** Argument checks whose errors name the value and what is allowed. */
final class Checks {

    private Checks() {
    }

    static void range(String what, long value, long min, long max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(what + " " + value + " is out of range: use " + min + " to " + max);
        }
    }

    static void positive(String what, Duration d) {
        if (d == null || d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(what + " " + d + " is not allowed: use a positive duration");
        }
    }

    static void notNegative(String what, Duration d) {
        if (d == null || d.isNegative()) {
            throw new IllegalArgumentException(what + " " + d + " is not allowed: use zero or a positive duration");
        }
    }
}
