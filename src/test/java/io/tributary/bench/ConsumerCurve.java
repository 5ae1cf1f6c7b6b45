package io.tributary.bench;

import io.tributary.config.TributaryConfig;
import io.tributary.stream.ConsumerOptions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The consumer curve (issue 14, section 2): for each consumer setting of a small grid (batch limit x linger; linger
 * 0 is fixed batching, so {@code b100-l0} is the fixed batches of 100 a hand-written JMS consumer uses), the
 * end-to-end maximum rate and the latency when the producer is paced at {@value #LOW}, {@value #MID} and
 * {@value #HIGH} of that maximum ({@link EndToEndLatency#curve}). Full mode: batch limit 100, 500, 1,000 x linger
 * 0, 5, 20 ms; quick mode: fixed 100, the default and 1,000 with 20 ms. The configured default
 * ({@link TributaryConfig} with no setting) is always a point, and the report checks issue 14's latency target
 * against it. Renders the table and a chart of each broker's points from {@link Results}.
 */
final class ConsumerCurve {

    static final double LOW = 0.1;
    static final double MID = 0.5;
    static final double HIGH = 0.9;

    private static final String FIXED_100 = "curve-b100-l0";
    private static final ConsumerOptions DEFAULTS = TributaryConfig.of(Map.of()).consumerOptions();
    private static final int[] DEFAULT_POINT = {DEFAULTS.batchSize(), (int) DEFAULTS.linger().toMillis()};
    private static final String DEFAULT = name(DEFAULT_POINT[0], DEFAULT_POINT[1]);
    private static final int[] BATCHES = {100, 500, 1_000};
    private static final int[] LINGERS = {0, 5, 20};

    private ConsumerCurve() {
    }

    /** The grid's points as [batch, linger ms] in this mode; the configured default is always one of them. */
    static List<int[]> grid(boolean quick) {
        List<int[]> grid = new ArrayList<>();
        for (int batch : BATCHES) {
            for (int linger : LINGERS) {
                if (!quick || (batch == BATCHES[0] && linger == 0) || (batch == BATCHES[2] && linger == LINGERS[2])) {
                    grid.add(new int[] {batch, linger});
                }
            }
        }
        if (grid.stream().noneMatch(p -> Arrays.equals(p, DEFAULT_POINT))) {
            grid.add(1, DEFAULT_POINT);
        }
        return grid;
    }

    /** The name of the point with batch limit {@code batch} and linger {@code lingerMillis}. */
    static String name(int batch, int lingerMillis) {
        return "curve-b" + batch + "-l" + lingerMillis;
    }

    /** Every scenario of the curve: per point its maximum first, then the three paced rates. */
    static List<Scenario> scenarios(boolean quick) {
        List<Scenario> scenarios = new ArrayList<>();
        for (int[] p : grid(quick)) {
            for (double fraction : new double[] {1.0, LOW, MID, HIGH}) {
                scenarios.add(EndToEndLatency.curve(p[0], p[1], fraction));
            }
        }
        return scenarios;
    }

    /** One measured point of the curve on one broker. */
    record Point(String name, double max, Latency low, Latency mid, Latency high) {
    }

    /** The points measured on {@code broker}, in grid order (points whose maximum was not measured are left out). */
    static List<Point> points(Results results, String broker) {
        List<Point> points = new ArrayList<>();
        for (int[] p : grid(false)) {
            String name = name(p[0], p[1]);
            Results.Entry max = results.entry(broker, "tributary", name + "-max");
            if (max != null && !max.rates.isEmpty()) {
                points.add(new Point(name, max.median(), latency(results, broker, name, LOW),
                        latency(results, broker, name, MID), latency(results, broker, name, HIGH)));
            }
        }
        return points;
    }

    private static Latency latency(Results results, String broker, String point, double fraction) {
        Results.Entry e = results.entry(broker, "tributary",
                String.format(Locale.ROOT, "%s-at-%.0fpct", point, fraction * 100));
        return e == null ? null : e.latency;
    }

    /** The curve of {@code broker} as a Markdown table (empty when none of it was measured). */
    static String markdown(Results results, String broker) {
        List<Point> points = points(results, broker);
        if (points.isEmpty()) {
            return "";
        }
        StringBuilder t = new StringBuilder("\n### Consumer curve on " + broker + "\n\n"
                + "| consumer (batch limit, linger) | max msg/s | p50 / p99 us at 10 % | p50 / p99 us at 50 % | p50 / p99 us at 90 % |\n"
                + "|---|---:|---|---|---|\n");
        for (Point p : points) {
            t.append(String.format(Locale.ROOT, "| %s | %,.0f | %s | %s | %s |%n", p.name().substring("curve-".length()),
                    p.max(), cell(p.low()), cell(p.mid()), cell(p.high())));
        }
        return t.append("\n| target (issue 14) | result |\n|---|---|\n| p99 at 50 % of max: the default (")
                .append(DEFAULT.substring("curve-".length())).append(") no worse than fixed batches of 100 | ")
                .append(verdict(points)).append(" |\n").toString();
    }

    /**
     * The issue 14 latency target: the default consumer's p99 at 50 % of its maximum no worse than fixed batches of
     * 100 at 50 % of theirs.
     */
    private static String verdict(List<Point> points) {
        Point fixed = find(points, FIXED_100);
        Point standard = find(points, DEFAULT);
        if (fixed == null || standard == null || fixed.mid() == null || standard.mid() == null) {
            return "not measured";
        }
        double mine = standard.mid().p99Micros();
        double theirs = fixed.mid().p99Micros();
        return String.format(Locale.ROOT, "%s (%,.0f us vs %,.0f us)", mine <= theirs ? "met" : "missed", mine, theirs);
    }

    private static Point find(List<Point> points, String name) {
        return points.stream().filter(p -> p.name().equals(name)).findFirst().orElse(null);
    }

    private static String cell(Latency l) {
        return l == null ? "-" : String.format(Locale.ROOT, "%,.0f / %,.0f", l.p50Micros(), l.p99Micros());
    }
}
