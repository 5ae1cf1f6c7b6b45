package io.tributary.reliability;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;

/**
 * Records the outcome of one reliability scenario in {@code target/reliability/summary.json} (a JSON
 * array, one object per line, one line per scenario: a scenario run again replaces its line) and
 * prints it as one line. Thread safety: {@link #record} is synchronized within one JVM.
 */
final class ReliabilitySummary {

    private static final Path FILE = Paths.get(System.getProperty("reliability.summary",
            "target/reliability/summary.json"));

    private ReliabilitySummary() {
    }

    /** Writes (or replaces) the entry of {@code scenario} and prints it. */
    static synchronized void record(String scenario, long sent, long received, long lost, long duplicates,
            String notes) {
        String line = "{\"scenario\":" + quote(scenario) + ",\"sent\":" + sent + ",\"received\":" + received
                + ",\"lost\":" + lost + ",\"duplicates\":" + duplicates + ",\"notes\":" + quote(notes) + "}";
        System.out.println("RELIABILITY " + scenario + ": sent=" + sent + " received=" + received + " lost=" + lost
                + " duplicates=" + duplicates + " -- " + notes);
        try {
            List<String> entries = new ArrayList<>();
            if (Files.exists(FILE)) {
                String prefix = "{\"scenario\":" + quote(scenario) + ",";
                for (String existing : Files.readAllLines(FILE, StandardCharsets.UTF_8)) {
                    String entry = existing.strip();
                    if (entry.endsWith(",")) {
                        entry = entry.substring(0, entry.length() - 1);
                    }
                    if (entry.startsWith("{") && !entry.startsWith(prefix)) {
                        entries.add(entry);
                    }
                }
            }
            entries.add(line);
            Files.createDirectories(FILE.toAbsolutePath().getParent());
            Files.writeString(FILE, "[\n  " + String.join(",\n  ", entries) + "\n]\n", StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + FILE, e);
        }
    }

    private static String quote(String s) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
