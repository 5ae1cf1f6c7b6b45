package io.tributary.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;

/**
 * An SVG bar chart of each system's median rate over its raw-JMS baseline on the same broker (1.0x = raw JMS, red
 * line), one bar per broker, system and scenario that has a baseline; bars are capped at 3x with the figure written beside them.
 */
final class RatioChart {

    private static final int BAR = 22;
    private static final int GAP = 6;
    /** A generous width of one character at 12 px sans-serif, so the longest label ends before the bars. */
    private static final int PIXELS_PER_CHAR = 7;
    private static final int PIXELS_PER_X = 120;
    private static final double CAP = 3.0;

    private final Results results;
    private final String mode;

    RatioChart(Results results, String mode) {
        this.results = results;
        this.mode = mode;
    }

    String svg() {
        List<String> labels = new ArrayList<>();
        List<Double> ratios = new ArrayList<>();
        for (Results.Entry e : results.entries()) {
            OptionalDouble base = results.baselineOf(e);
            if (base.isPresent() && !e.rates.isEmpty()) {
                labels.add(e.broker + ": " + e.system + " " + e.scenario + " (vs raw " + e.baseline + ")");
                ratios.add(e.median() / base.getAsDouble());
            }
        }
        int labelWidth = 20 + PIXELS_PER_CHAR * labels.stream().mapToInt(String::length).max().orElse(0);
        StringBuilder bars = new StringBuilder();
        int y = 40;
        for (int i = 0; i < labels.size(); i++) {
            double ratio = ratios.get(i);
            double width = Math.min(ratio, CAP) * PIXELS_PER_X;
            bars.append(String.format(Locale.ROOT, "<text x=\"10\" y=\"%d\">%s</text>%n", y + 15, labels.get(i)));
            bars.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%.0f\" height=\"%d\" fill=\"%s\"/>%n",
                    labelWidth, y, width, BAR, ratio >= 1 ? "seagreen" : "steelblue"));
            bars.append(String.format(Locale.ROOT, "<text x=\"%.0f\" y=\"%d\">%.2fx</text>%n",
                    labelWidth + width + 4, y + 15, ratio));
            y += BAR + GAP;
        }
        int height = y + 10;
        int oneX = labelWidth + PIXELS_PER_X;
        return String.format(Locale.ROOT,
                "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" font-family=\"sans-serif\" font-size=\"12\">%n"
                        + "<rect width=\"100%%\" height=\"100%%\" fill=\"white\"/>%n"
                        + "<text x=\"10\" y=\"20\" font-weight=\"bold\">Median throughput / raw JMS (red line = 1.0x), %s</text>%n"
                        + "%s<line x1=\"%d\" y1=\"30\" x2=\"%d\" y2=\"%d\" stroke=\"red\"/>%n</svg>%n",
                labelWidth + (int) (CAP * PIXELS_PER_X) + 80, height, mode, bars, oneX, oneX, height);
    }
}
