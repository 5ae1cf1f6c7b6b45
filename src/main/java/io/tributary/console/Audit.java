package io.tributary.console;

import java.util.List;
import java.util.logging.Logger;

/**
 * The audit log of the console: one INFO line per action that changes messages or delivery, on the
 * logger {@value #LOGGER}, naming who did what to which stream and how many messages it touched. Ids
 * are listed up to {@value #MAX_IDS_LOGGED}, then counted. Thread-safe.
 */
final class Audit {

    /** The logger name of audit lines. */
    static final String LOGGER = "io.tributary.audit";
    private static final int MAX_IDS_LOGGED = 20;
    private static final Logger LOG = Logger.getLogger(LOGGER);

    private Audit() {
    }

    /** Records that {@code user} did {@code action} on {@code stream}, touching {@code count} messages. */
    static void record(String user, String action, String stream, List<String> ids, int count) {
        String named = ids == null ? "all" : ids.size() <= MAX_IDS_LOGGED ? String.join(",", ids)
                : String.join(",", ids.subList(0, MAX_IDS_LOGGED)) + ",... (" + ids.size() + " ids)";
        LOG.info(() -> "AUDIT console user=" + user + " action=" + action + " stream=" + stream + " ids=" + named
                + " messages=" + count);
    }
}
