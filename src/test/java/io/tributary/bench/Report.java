package io.tributary.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;
import java.util.StringJoiner;

/**
 * Turns {@link Results} into {@code results.json} (one object per broker, system and scenario), {@code report.md}
 * (per broker: a table with the ratio of each system to raw JMS on that broker, the {@link Target}s of issues 5
 * and 14, the {@link ConsumerCurve consumer curve} and the {@link Scaling scaling table}), {@code ratios.svg}, a
 * bar chart of those ratios, and {@code curve.svg}, a chart of the curve.
 */
final class Report {

    private final Results results;
    private final String mode;

    Report(Results results, String mode) {
        this.results = results;
        this.mode = mode;
    }

    /** Writes results.json, report.md, ratios.svg and curve.svg into {@code dir}. */
    void write(Path dir) throws IOException {
        Files.createDirectories(dir);
        StringJoiner json = new StringJoiner(",\n", "[\n", "\n]\n");
        for (Results.Entry e : results.entries()) {
            json.add(json(e));
        }
        Files.writeString(dir.resolve("results.json"), json.toString());
        Files.writeString(dir.resolve("report.md"), markdown());
        Files.writeString(dir.resolve("ratios.svg"), new RatioChart(results, mode).svg());
        Files.writeString(dir.resolve("curve.svg"), new CurveChart(results, mode).svg());
    }

    private String json(Results.Entry e) {
        OptionalDouble base = results.baselineOf(e);
        return String.format(Locale.ROOT,
                "  {\"broker\": %s, \"system\": %s, \"scenario\": %s, \"msgsPerSec\": %s, \"min\": %s, \"max\": %s, \"runs\": %d,"
                        + " \"baseline\": %s, \"ratioToBaseline\": %s, \"latency\": %s, \"heap\": %s, \"cost\": %s, \"note\": %s, \"error\": %s}",
                quote(e.broker), quote(e.system), quote(e.scenario), number(e.median()), number(e.min()), number(e.max()), e.rates.size(),
                base.isPresent() ? quote("raw-jms " + e.baseline) : "null",
                base.isPresent() ? number(e.median() / base.getAsDouble(), "%.3f") : "null",
                e.latency == null ? "null" : String.format(Locale.ROOT,
                        "{\"p50Micros\": %.0f, \"p99Micros\": %.0f, \"p999Micros\": %.0f, \"targetRate\": %.0f}",
                        e.latency.p50Micros(), e.latency.p99Micros(), e.latency.p999Micros(), e.latency.targetRate()),
                e.heap == null ? "null" : String.format(Locale.ROOT,
                        "{\"peakHeapBytes\": %d, \"allocatedBytesPerMsg\": %.0f, \"messages\": %d}",
                        e.heap.peakHeapBytes(), e.heap.allocatedBytesPerMsg(), e.heap.messages()),
                e.cost == null ? "null" : String.format(Locale.ROOT,
                        "{\"clientCpuMicrosPerMsg\": %.2f, \"brokerCpuMicrosPerMsg\": %.2f}",
                        e.cost.clientMicrosPerMsg(), e.cost.brokerMicrosPerMsg()),
                quote(e.note), quote(e.error));
    }

    /** The report printed at the end of a run and written to report.md (Markdown, so the docs can show it as is). */
    String markdown() {
        StringBuilder t = new StringBuilder(String.format(Locale.ROOT, "%nBenchmark results (%s)%n%n", mode));
        results.brokers().forEach((name, description) -> t.append("- ").append(name).append(": ").append(description)
                .append('\n'));
        for (String broker : results.brokers().keySet()) {
            t.append("\n## Broker ").append(broker).append("\n\n");
            table(t, broker);
            targets(t, broker, "issue 5", Target.ISSUE_5);
            targets(t, broker, "issue 14", Target.ISSUE_14);
            t.append(ConsumerCurve.markdown(results, broker)).append(Scaling.markdown(results, broker));
        }
        StringBuilder notes = new StringBuilder();
        for (Results.Entry e : results.entries()) {
            if (e.note != null || e.error != null) {
                notes.append("- ").append(e.broker).append(' ').append(e.system).append(' ').append(e.scenario).append(": ")
                        .append(e.error != null ? "FAILED " + e.error : e.note).append('\n');
            }
        }
        return notes.length() == 0 ? t.toString() : t.append("\nNotes:\n\n").append(notes).toString();
    }

    private void table(StringBuilder t, String broker) {
        t.append("| system | scenario | median msg/s | min | max | runs | x raw | CPU us/msg client / broker"
                + " | latency p50/p99/p99.9 us | heap |\n");
        t.append("|---|---|---:|---:|---:|---:|---:|---|---|---|\n");
        for (Results.Entry e : results.entries(broker)) {
            if (e.scenario.startsWith("curve-") || e.scenario.startsWith("scale-")) {
                continue;
            }
            OptionalDouble base = results.baselineOf(e);
            t.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s | %d | %s | %s | %s | %s |%n", e.system,
                    e.scenario, grouped(e.median()), grouped(e.min()), grouped(e.max()), e.rates.size(),
                    base.isPresent() ? String.format(Locale.ROOT, "%.2f", e.median() / base.getAsDouble()) : "-",
                    e.cost == null ? "" : String.format(Locale.ROOT, "%.1f / %.1f", e.cost.clientMicrosPerMsg(),
                            e.cost.brokerMicrosPerMsg()),
                    e.latency == null ? "" : String.format(Locale.ROOT, "%,.0f / %,.0f / %,.0f at %,.0f msg/s",
                            e.latency.p50Micros(), e.latency.p99Micros(), e.latency.p999Micros(), e.latency.targetRate()),
                    e.heap == null ? "" : String.format(Locale.ROOT, "peak %,d MiB, %,.0f B/msg over %,d msgs",
                            e.heap.peakHeapBytes() >> 20, e.heap.allocatedBytesPerMsg(), e.heap.messages())));
        }
    }

    private void targets(StringBuilder t, String broker, String issue, List<Target> targets) {
        t.append("\n| target (").append(issue).append(", ").append(broker).append(") | result |\n|---|---|\n");
        for (Target target : targets) {
            t.append("| ").append(target.describe()).append(" | ").append(target.verdict(results, broker)).append(" |\n");
        }
    }

    private static String grouped(double v) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%,.0f", v);
    }

    private static String number(double v) {
        return number(v, "%.0f");
    }

    private static String number(double v, String format) {
        return Double.isNaN(v) ? "null" : String.format(Locale.ROOT, format, v);
    }

    private static String quote(String s) {
        if (s == null) {
            return "null";
        }
        StringBuilder q = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            if (c == '"' || c == '\\') {
                q.append('\\').append(c);
            } else if (c < 0x20) {
                q.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
            } else {
                q.append(c);
            }
        }
        return q.append('"').toString();
    }
}
