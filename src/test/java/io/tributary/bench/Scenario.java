package io.tributary.bench;

/**
 * One system doing one thing once: e.g. Tributary's consumer draining a filled queue. {@link #run} measures
 * one repetition and returns what it saw; the harness ({@link Repetitions}) runs every scenario once per
 * repetition, interleaved with the others, and {@link Results} keeps the repetitions. Implementations clean up
 * what they open (connections, containers, processes) before returning, also on failure.
 */
interface Scenario {

    /** Who is measured: {@code tributary}, {@code raw-jms}, {@code spring-dmlc}, {@code smallrye-jms}, {@code artemis-perf}. */
    String system();

    /** What is measured, e.g. {@code consume-transacted}. */
    String scenario();

    /** The raw-JMS scenario this one is compared with in the ratio column, or null for none. */
    default String baseline() {
        return scenario();
    }

    /** True for scenarios measured in the first repetition only (long or one-off measurements). */
    default boolean firstRepetitionOnly() {
        return false;
    }

    /** Runs one repetition against the shared fixture. */
    Measurement run(Bench bench) throws Exception;
}
