package io.tributary.bench;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * Every repetition measured in one run, kept per system and scenario in the order first seen. Rates are
 * summarised as median, min and max; latency, heap and note are the last ones measured; a scenario that threw
 * keeps its error (the run goes on). Used by the harness thread only.
 */
final class Results {

    /** One system and scenario over all its repetitions. */
    static final class Entry {
        final String system;
        final String scenario;
        final String baseline;
        final List<Double> rates = new ArrayList<>();
        Latency latency;
        HeapUse heap;
        String note;
        String error;

        Entry(Scenario s) {
            this.system = s.system();
            this.scenario = s.scenario();
            this.baseline = s.baseline();
        }

        /** Median of the measured rates, or NaN when none succeeded. */
        double median() {
            if (rates.isEmpty()) {
                return Double.NaN;
            }
            List<Double> sorted = new ArrayList<>(rates);
            Collections.sort(sorted);
            int n = sorted.size();
            return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
        }

        double min() {
            return rates.isEmpty() ? Double.NaN : Collections.min(rates);
        }

        double max() {
            return rates.isEmpty() ? Double.NaN : Collections.max(rates);
        }
    }

    private final Map<String, Entry> entries = new LinkedHashMap<>();

    /** Records one successful repetition. */
    void record(Scenario s, Measurement m) {
        Entry e = entry(s);
        e.rates.add(m.msgsPerSec());
        e.latency = m.latency() != null ? m.latency() : e.latency;
        e.heap = m.heap() != null ? m.heap() : e.heap;
        e.note = m.note() != null ? m.note() : e.note;
    }

    /** Records a repetition that failed. */
    void fail(Scenario s, Exception error) {
        entry(s).error = error.toString();
    }

    Collection<Entry> entries() {
        return Collections.unmodifiableCollection(entries.values());
    }

    /** The median rate of a system and scenario, if measured. */
    OptionalDouble median(String system, String scenario) {
        Entry e = entries.get(system + "|" + scenario);
        return e == null || e.rates.isEmpty() ? OptionalDouble.empty() : OptionalDouble.of(e.median());
    }

    /** The median of an entry's raw-JMS baseline (for a raw-JMS baseline itself: its own), if measured. */
    OptionalDouble baselineOf(Entry e) {
        return e.baseline == null ? OptionalDouble.empty() : median("raw-jms", e.baseline);
    }

    private Entry entry(Scenario s) {
        return entries.computeIfAbsent(s.system() + "|" + s.scenario(), k -> new Entry(s));
    }
}
