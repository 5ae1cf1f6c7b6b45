package io.tributary.bench;

import java.util.List;
import java.util.Locale;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The interleaving loop: in each repetition, on each broker in turn, every scenario once in list order, so that
 * each system and each broker sees the same machine conditions over the run. A scenario that throws is recorded
 * as failed and the run goes on.
 */
final class Repetitions {

    private static final Logger LOG = Logger.getLogger(Repetitions.class.getName());

    private final List<Scenario> scenarios;
    private final int repetitions;

    Repetitions(List<Scenario> scenarios, int repetitions) {
        this.scenarios = List.copyOf(scenarios);
        this.repetitions = repetitions;
    }

    /** Runs {@code warmUp} once on a fifth of the messages, unrecorded (JIT, broker journal files). */
    void warmUp(Bench bench, List<Scenario> warmUp) {
        Bench small = bench.scaledDown(5);
        for (Scenario s : warmUp) {
            try {
                s.run(small);
            } catch (Exception e) {
                LOG.log(Level.WARNING, "warm-up of " + s.system() + " " + s.scenario() + " failed", e);
            } finally {
                small.cleanUp();
            }
        }
    }

    /** Runs every repetition on each of {@code benches} (one per broker), recording into their {@link Results}. */
    void run(List<Bench> benches) {
        for (int rep = 1; rep <= repetitions; rep++) {
            for (Bench bench : benches) {
                for (Scenario s : scenarios) {
                    if (rep == 1 || !s.firstRepetitionOnly()) {
                        measure(bench, s, rep);
                    }
                }
            }
        }
    }

    private static void measure(Bench bench, Scenario s, int rep) {
        try {
            long start = System.nanoTime();
            Measurement m = s.run(bench);
            bench.results().record(bench.name(), s, m);
            System.out.printf(Locale.ROOT, "rep %d  %-15s %-13s %-28s %,12.0f msg/s  (%.1f s)%n", rep, bench.name(),
                    s.system(), s.scenario(), m.msgsPerSec(), (System.nanoTime() - start) / 1e9);
        } catch (Exception e) {
            bench.results().fail(bench.name(), s, e);
            LOG.log(Level.WARNING, "rep " + rep + " on " + bench.name() + " of " + s.system() + " " + s.scenario()
                    + " failed", e);
        } finally {
            bench.cleanUp();
        }
    }
}
