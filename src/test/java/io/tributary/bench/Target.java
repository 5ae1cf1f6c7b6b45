package io.tributary.bench;

import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;

/**
 * One target of issues 5 and 14, checked against the results of one broker in one run: either a ratio (the system's median over the
 * other system's median must be at least {@code min}) or, when {@code vsSystem} is null, an absolute rate.
 * A target is only reported ("met"/"missed"/"not measured"); it never fails the build.
 */
record Target(String system, String scenario, String vsSystem, String vsScenario, double min) {

    /** The targets of issue 5. */
    static final List<Target> ISSUE_5 = List.of(
            new Target("tributary", "consume-transacted", "raw-jms", "consume-transacted", 0.9),
            new Target("tributary", "produce-confirmed", "raw-jms", "produce-confirmed", 0.9),
            new Target("tributary", "consume-adaptive", "raw-jms", "consume-transacted", 1.3),
            new Target("tributary", "consume-transacted", "spring-dmlc", "consume-transacted-4c", 5.0),
            new Target("tributary", "consume-transacted", "smallrye-jms", "consume-auto-ack", 2.0),
            // the same consumer with adaptive batching: still transacted, at least once
            new Target("tributary", "consume-adaptive", "smallrye-jms", "consume-auto-ack", 2.0),
            new Target("tributary", "memory-broker-1024", null, null, 2_000_000));

    /**
     * The targets of issue 14: group commit against raw JMS with as many sending threads, and the default
     * (adaptive) consumer against raw JMS and SmallRye.
     */
    static final List<Target> ISSUE_14 = List.of(
            new Target("tributary", "produce-group-commit-1t", "raw-jms", "produce-confirmed", 1.5),
            new Target("tributary", "produce-group-commit-1t", "raw-jms", "produce-transacted", 2.0),
            new Target("tributary", "produce-group-commit-8t", "raw-jms", "produce-confirmed-8t", 1.5),
            new Target("tributary", "produce-group-commit-8t", "raw-jms", "produce-transacted-8t", 2.0),
            new Target("tributary", "consume-default", "smallrye-jms", "consume-auto-ack", 3.0),
            new Target("tributary", "consume-default", "raw-jms", "consume-transacted", 2.0));

    /** What this target asks, e.g. {@code tributary consume-transacted >= 0.9x raw-jms consume-transacted}. */
    String describe() {
        return vsSystem == null
                ? String.format(Locale.ROOT, "%s %s >= %,.0f msg/s", system, scenario, min)
                : String.format(Locale.ROOT, "%s %s >= %.1fx %s %s", system, scenario, min, vsSystem, vsScenario);
    }

    /** "met (figure)", "missed (figure)" or "not measured", on {@code broker}. */
    String verdict(Results results, String broker) {
        OptionalDouble mine = results.median(broker, system, scenario);
        if (mine.isEmpty()) {
            return "not measured";
        }
        if (vsSystem == null) {
            return (mine.getAsDouble() >= min ? "met" : "missed")
                    + String.format(Locale.ROOT, " (%,.0f msg/s)", mine.getAsDouble());
        }
        OptionalDouble theirs = results.median(broker, vsSystem, vsScenario);
        if (theirs.isEmpty()) {
            return "not measured (" + vsSystem + " " + vsScenario + ")";
        }
        double ratio = mine.getAsDouble() / theirs.getAsDouble();
        return (ratio >= min ? "met" : "missed") + String.format(Locale.ROOT, " (%.2fx)", ratio);
    }
}
