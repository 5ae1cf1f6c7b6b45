package io.tributary.metrics;

/**
 * Writes the metrics table of docs/observability.md from the {@link StreamMeter} declarations, so the documentation
 * cannot drift from the code. Run it with {@code main}; a test compares it with that page.
 */
public final class MetricTable {

    private MetricTable() {
    }

    /** The Markdown table: name, type, tags, meaning. */
    public static String markdown() {
        StringBuilder b = new StringBuilder("| name | type | tags | meaning |\n|---|---|---|---|\n");
        for (StreamMeter m : StreamMeter.values()) {
            b.append("| `").append(m.metricName()).append("` | ").append(m.type().name().toLowerCase())
                    .append(m.unit().isEmpty() ? "" : " (" + m.unit() + ")").append(" | ")
                    .append(m.perStream() ? "`" + StreamMeter.STREAM_TAG + "`" : "-").append(" | ")
                    .append(m.meaning()).append(" |\n");
        }
        return b.toString();
    }

    /** Prints the table. */
    public static void main(String[] args) {
        System.out.print(markdown());
    }
}
