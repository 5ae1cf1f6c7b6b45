package io.tributary.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Summarises benchmark rates (median/min/max per system and scenario) as JSON, a text table and an SVG chart. */
final class Report {

    private final Map<String, List<Double>> rates;
    private final long maxHeapUsed;

    Report(Map<String, List<Double>> rates, Runtime runtime) {
        this.rates = rates;
        this.maxHeapUsed = runtime.totalMemory() - runtime.freeMemory();
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    private Double medianOf(String system, String scenario) {
        List<Double> v = rates.get(system + "|" + scenario);
        return v == null ? null : median(v);
    }

    void write(Path dir) throws IOException {
        Files.createDirectories(dir);
        StringBuilder json = new StringBuilder("[\n");
        for (Map.Entry<String, List<Double>> e : rates.entrySet()) {
            String[] key = e.getKey().split("\\|");
            List<Double> v = e.getValue();
            if (json.length() > 2) {
                json.append(",\n");
            }
            json.append(String.format(Locale.ROOT,
                    "  {\"system\": \"%s\", \"scenario\": \"%s\", \"msgsPerSec\": %.0f, \"min\": %.0f, \"max\": %.0f,"
                            + " \"runs\": %d, \"latency\": null, \"heapUsedBytes\": %d}",
                    key[0], key[1], median(v), Collections.min(v), Collections.max(v), v.size(), maxHeapUsed));
        }
        json.append("\n]\n");
        Files.writeString(dir.resolve("results.json"), json);
        Files.writeString(dir.resolve("ratios.svg"), svg());
    }

    private List<String[]> ratioRows() {
        List<String[]> rows = new ArrayList<>();
        for (String key : rates.keySet()) {
            String[] k = key.split("\\|");
            Double raw = medianOf("raw-jms", k[1]);
            if (!k[0].equals("raw-jms") && raw != null) {
                rows.add(new String[] {k[0], k[1], String.valueOf(medianOf(k[0], k[1]) / raw)});
            }
        }
        return rows;
    }

    String table() {
        StringBuilder t = new StringBuilder(String.format(Locale.ROOT, "%n%-12s %-22s %12s %12s %12s %8s%n",
                "system", "scenario", "median/s", "min/s", "max/s", "xRaw"));
        for (Map.Entry<String, List<Double>> e : rates.entrySet()) {
            String[] k = e.getKey().split("\\|");
            List<Double> v = e.getValue();
            Double raw = medianOf("raw-jms", k[1]);
            t.append(String.format(Locale.ROOT, "%-12s %-22s %,12.0f %,12.0f %,12.0f %8s%n", k[0], k[1], median(v),
                    Collections.min(v), Collections.max(v),
                    raw == null ? "-" : String.format(Locale.ROOT, "%.2f", median(v) / raw)));
        }
        return t.toString();
    }

    private String svg() {
        List<String[]> rows = ratioRows();
        int barH = 24;
        int h = 40 + rows.size() * (barH + 8);
        StringBuilder s = new StringBuilder(String.format(Locale.ROOT,
                "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"720\" height=\"%d\" font-family=\"sans-serif\""
                        + " font-size=\"12\">%n<text x=\"10\" y=\"20\">Throughput ratio vs raw JMS (1.0 = raw)</text>%n",
                h));
        int scale = 200;
        int x0 = 300;
        s.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"30\" x2=\"%d\" y2=\"%d\" stroke=\"red\"/>%n",
                x0 + scale, x0 + scale, h));
        int y = 35;
        for (String[] r : rows) {
            double ratio = Double.parseDouble(r[2]);
            s.append(String.format(Locale.ROOT, "<text x=\"10\" y=\"%d\">%s %s</text>%n", y + 16, r[0], r[1]));
            s.append(String.format(Locale.ROOT,
                    "<rect x=\"%d\" y=\"%d\" width=\"%.0f\" height=\"%d\" fill=\"steelblue\"/>%n", x0, y,
                    Math.min(ratio, 2.0) * scale, barH));
            s.append(String.format(Locale.ROOT, "<text x=\"%.0f\" y=\"%d\">%.2fx</text>%n",
                    x0 + Math.min(ratio, 2.0) * scale + 4, y + 16, ratio));
            y += barH + 8;
        }
        return s.append("</svg>\n").toString();
    }
}
