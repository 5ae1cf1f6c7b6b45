package io.tributary.config;

/**
 * Writes the configuration table of docs/configuration.md from the {@link ConfigKey} declarations, so the
 * documentation cannot drift from the code. Run it with {@code main}; a test compares it with that page.
 */
public final class ConfigTable {

    private ConfigTable() {
    }

    /** The Markdown table: key, default, allowed values, meaning. */
    public static String markdown() {
        StringBuilder b = new StringBuilder("| key | default | allowed | meaning |\n|---|---|---|---|\n");
        for (ConfigKey k : ConfigKey.values()) {
            String def = k.defaultValue().isEmpty() ? "(empty)" : "`" + k.defaultValue() + "`";
            b.append("| `").append(k.key()).append("` | ").append(def).append(" | ").append(k.allowed())
                    .append(" | ").append(k.meaning()).append(" |\n");
        }
        return b.toString();
    }

    /** Prints the table. */
    public static void main(String[] args) {
        System.out.print(markdown());
    }
}
