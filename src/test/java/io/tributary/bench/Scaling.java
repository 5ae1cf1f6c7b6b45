package io.tributary.bench;

import java.util.Locale;

/**
 * The scaling table (issue 14, section 4): {@link ScaleStreams} and {@link ScaleConsumers} at {@link #POINTS}
 * streams / consumers, with rate, CPU per message of the harness JVM and the broker, and the client's peak heap
 * and allocation per message, rendered per broker from {@link Results}.
 */
final class Scaling {

    /** Streams, and consumers on one stream, at each point of the table. */
    static final int[] POINTS = {1, 4, 16};

    private Scaling() {
    }

    /** The table of {@code broker} in Markdown (empty when none of it was measured). */
    static String markdown(Results results, String broker) {
        StringBuilder rows = new StringBuilder();
        for (String kind : new String[] {"scale-streams-", "scale-consumers-"}) {
            for (int n : POINTS) {
                Results.Entry e = results.entry(broker, "tributary", kind + n);
                if (e != null && !e.rates.isEmpty()) {
                    rows.append(String.format(Locale.ROOT, "| %s | %d | %,.0f | %s | %s |%n",
                            kind.startsWith("scale-streams") ? "streams (a producer and a consumer each)" : "consumers on one stream",
                            n, e.median(),
                            e.cost == null ? "-" : String.format(Locale.ROOT, "%.1f / %.1f", e.cost.clientMicrosPerMsg(),
                                    e.cost.brokerMicrosPerMsg()),
                            e.heap == null ? "-" : String.format(Locale.ROOT, "%,d MiB, %,.0f B/msg",
                                    e.heap.peakHeapBytes() >> 20, e.heap.allocatedBytesPerMsg())));
                }
            }
        }
        return rows.length() == 0 ? "" : "\n### Scaling on " + broker + "\n\n"
                + "| what grows | n | msg/s (median) | CPU us/msg client / broker | client peak heap, allocation |\n"
                + "|---|---:|---:|---|---|\n" + rows;
    }
}
