package io.tributary.bench;

import java.util.List;
import java.util.Locale;

/**
 * An SVG chart of the {@link ConsumerCurve}: per broker and consumer setting, a bar of the end-to-end maximum
 * rate (left, scaled to the highest) and a bar of the p99 latency at 50 % of that setting's maximum (right, scaled
 * to the highest p99), with the figures written beside the bars.
 */
final class CurveChart {

    private static final int BAR = 18;
    private static final int GAP = 6;
    private static final int LABEL = 150;
    private static final int WIDTH = 260;

    private final Results results;
    private final String mode;

    CurveChart(Results results, String mode) {
        this.results = results;
        this.mode = mode;
    }

    String svg() {
        StringBuilder body = new StringBuilder();
        int y = 40;
        int rateX = LABEL;
        int p99X = LABEL + WIDTH + 120;
        for (String broker : results.brokers().keySet()) {
            List<ConsumerCurve.Point> points = ConsumerCurve.points(results, broker);
            if (points.isEmpty()) {
                continue;
            }
            double maxRate = points.stream().mapToDouble(ConsumerCurve.Point::max).max().orElse(1);
            double maxP99 = points.stream().filter(p -> p.mid() != null).mapToDouble(p -> p.mid().p99Micros()).max().orElse(1);
            body.append(text(10, y + 12, "bold", broker + ": max msg/s (left), p99 us at 50 % of max (right)"));
            y += BAR + GAP;
            for (ConsumerCurve.Point p : points) {
                body.append(text(10, y + 13, "normal", p.name().substring("curve-".length())));
                double w = WIDTH * p.max() / maxRate;
                body.append(bar(rateX, y, w, "seagreen"))
                        .append(text((int) (rateX + w + 4), y + 13, "normal", String.format(Locale.ROOT, "%,.0f", p.max())));
                if (p.mid() != null) {
                    double lw = WIDTH * p.mid().p99Micros() / maxP99;
                    body.append(bar(p99X, y, lw, "steelblue")).append(text((int) (p99X + lw + 4), y + 13, "normal",
                            String.format(Locale.ROOT, "%,.0f", p.mid().p99Micros())));
                }
                y += BAR + GAP;
            }
            y += BAR;
        }
        return String.format(Locale.ROOT,
                "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" font-family=\"sans-serif\" font-size=\"12\">%n"
                        + "<rect width=\"100%%\" height=\"100%%\" fill=\"white\"/>%n%s%s</svg>%n",
                p99X + WIDTH + 100, y + 10,
                text(10, 20, "bold", "Consumer batch limit and linger: end-to-end max rate and p99 latency, " + mode), body);
    }

    private static String bar(int x, int y, double width, String colour) {
        return String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%.0f\" height=\"%d\" fill=\"%s\"/>%n",
                x, y, width, BAR, colour);
    }

    private static String text(int x, int y, String weight, String s) {
        return String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-weight=\"%s\">%s</text>%n", x, y, weight, s);
    }
}
