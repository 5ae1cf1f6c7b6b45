package io.tributary.bench;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * Every repetition measured in one run, kept per broker, system and scenario in the order first seen. Rates are
 * summarised as median, min and max; latency, heap, cost and note are the last ones measured; a scenario that
 * threw keeps its error (the run goes on). Ratios compare entries of the same broker only. Used by the harness
 * thread only.
 */
final class Results {

    /** One system and scenario on one broker over all its repetitions. */
    static final class Entry {
        final String broker;
        final String system;
        final String scenario;
        final String baseline;
        final List<Double> rates = new ArrayList<>();
        Latency latency;
        HeapUse heap;
        CpuCost cost;
        String note;
        String error;

        Entry(String broker, Scenario s) {
            this.broker = broker;
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
    private final Map<String, String> brokers = new LinkedHashMap<>();

    /** Declares a broker of this run and what it is (e.g. how its journal was created), in run order. */
    void broker(String name, String description) {
        brokers.put(name, description);
    }

    /** The brokers of this run and their descriptions, in run order. */
    Map<String, String> brokers() {
        return Collections.unmodifiableMap(brokers);
    }

    /** Records one successful repetition on {@code broker}. */
    void record(String broker, Scenario s, Measurement m) {
        Entry e = entry(broker, s);
        e.rates.add(m.msgsPerSec());
        e.latency = m.latency() != null ? m.latency() : e.latency;
        e.heap = m.heap() != null ? m.heap() : e.heap;
        e.cost = m.cost() != null ? m.cost() : e.cost;
        e.note = m.note() != null ? m.note() : e.note;
    }

    /** Records a repetition on {@code broker} that failed. */
    void fail(String broker, Scenario s, Exception error) {
        entry(broker, s).error = error.toString();
    }

    Collection<Entry> entries() {
        return Collections.unmodifiableCollection(entries.values());
    }

    /** The entries measured on {@code broker}, in the order first seen. */
    List<Entry> entries(String broker) {
        return entries.values().stream().filter(e -> e.broker.equals(broker)).toList();
    }

    /** The entry of a system and scenario on a broker, or null if it never ran there. */
    Entry entry(String broker, String system, String scenario) {
        return entries.get(key(broker, system, scenario));
    }

    /** The median rate of a system and scenario on a broker, if measured. */
    OptionalDouble median(String broker, String system, String scenario) {
        Entry e = entry(broker, system, scenario);
        return e == null || e.rates.isEmpty() ? OptionalDouble.empty() : OptionalDouble.of(e.median());
    }

    /** The median of an entry's raw-JMS baseline on the same broker (for a baseline itself: its own), if measured. */
    OptionalDouble baselineOf(Entry e) {
        return e.baseline == null ? OptionalDouble.empty() : median(e.broker, "raw-jms", e.baseline);
    }

    private Entry entry(String broker, Scenario s) {
        return entries.computeIfAbsent(key(broker, s.system(), s.scenario()), k -> new Entry(broker, s));
    }

    private static String key(String broker, String system, String scenario) {
        return broker + "|" + system + "|" + scenario;
    }
}
