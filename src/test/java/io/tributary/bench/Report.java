package io.tributary.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;
import java.util.StringJoiner;

/**
 * Turns {@link Results} into {@code results.json} (one object per system and scenario), a text table with the
 * ratio of each system to raw JMS and the {@link Target}s of issues 5 and 14, and {@code ratios.svg}, a bar chart of those
 * ratios.
 */
final class Report {

    private final Results results;
    private final String mode;

    Report(Results results, String mode) {
        this.results = results;
        this.mode = mode;
    }

    /** Writes results.json and ratios.svg into {@code dir}. */
    void write(Path dir) throws IOException {
        Files.createDirectories(dir);
        StringJoiner json = new StringJoiner(",\n", "[\n", "\n]\n");
        for (Results.Entry e : results.entries()) {
            json.add(json(e));
        }
        Files.writeString(dir.resolve("results.json"), json.toString());
        Files.writeString(dir.resolve("ratios.svg"), new RatioChart(results, mode).svg());
    }

    private String json(Results.Entry e) {
        OptionalDouble base = results.baselineOf(e);
        return String.format(Locale.ROOT,
                "  {\"system\": %s, \"scenario\": %s, \"msgsPerSec\": %s, \"min\": %s, \"max\": %s, \"runs\": %d,"
                        + " \"baseline\": %s, \"ratioToBaseline\": %s, \"latency\": %s, \"heap\": %s, \"note\": %s, \"error\": %s}",
                quote(e.system), quote(e.scenario), number(e.median()), number(e.min()), number(e.max()), e.rates.size(),
                base.isPresent() ? quote("raw-jms " + e.baseline) : "null",
                base.isPresent() ? number(e.median() / base.getAsDouble(), "%.3f") : "null",
                e.latency == null ? "null" : String.format(Locale.ROOT,
                        "{\"p50Micros\": %.0f, \"p99Micros\": %.0f, \"p999Micros\": %.0f, \"targetRate\": %.0f}",
                        e.latency.p50Micros(), e.latency.p99Micros(), e.latency.p999Micros(), e.latency.targetRate()),
                e.heap == null ? "null" : String.format(Locale.ROOT,
                        "{\"peakHeapBytes\": %d, \"allocatedBytesPerMsg\": %.0f, \"messages\": %d}",
                        e.heap.peakHeapBytes(), e.heap.allocatedBytesPerMsg(), e.heap.messages()),
                quote(e.note), quote(e.error));
    }

    /** The table printed at the end of a run (Markdown, so the README can show it as is). */
    String table() {
        StringBuilder t = new StringBuilder(String.format(Locale.ROOT, "%nBenchmark results (%s)%n%n", mode));
        t.append("| system | scenario | median msg/s | min | max | runs | x raw | latency p50/p99/p99.9 us | heap |\n");
        t.append("|---|---|---:|---:|---:|---:|---:|---|---|\n");
        for (Results.Entry e : results.entries()) {
            OptionalDouble base = results.baselineOf(e);
            t.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s | %d | %s | %s | %s |%n", e.system, e.scenario,
                    grouped(e.median()), grouped(e.min()), grouped(e.max()), e.rates.size(),
                    base.isPresent() ? String.format(Locale.ROOT, "%.2f", e.median() / base.getAsDouble()) : "-",
                    e.latency == null ? "" : String.format(Locale.ROOT, "%,.0f / %,.0f / %,.0f at %,.0f msg/s",
                            e.latency.p50Micros(), e.latency.p99Micros(), e.latency.p999Micros(), e.latency.targetRate()),
                    e.heap == null ? "" : String.format(Locale.ROOT, "peak %,d MiB, %,.0f B/msg over %,d msgs",
                            e.heap.peakHeapBytes() >> 20, e.heap.allocatedBytesPerMsg(), e.heap.messages())));
        }
        targets(t, "issue 5", Target.ISSUE_5);
        targets(t, "issue 14", Target.ISSUE_14);
        StringBuilder notes = new StringBuilder();
        for (Results.Entry e : results.entries()) {
            if (e.note != null || e.error != null) {
                notes.append("- ").append(e.system).append(' ').append(e.scenario).append(": ")
                        .append(e.error != null ? "FAILED " + e.error : e.note).append('\n');
            }
        }
        return notes.length() == 0 ? t.toString() : t.append("\nNotes:\n").append(notes).toString();
    }

    private void targets(StringBuilder t, String issue, List<Target> targets) {
        t.append("\n| target (").append(issue).append(") | result |\n|---|---|\n");
        for (Target target : targets) {
            t.append("| ").append(target.describe()).append(" | ").append(target.verdict(results)).append(" |\n");
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
