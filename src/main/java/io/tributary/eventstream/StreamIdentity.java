package io.tributary.eventstream;

import io.tributary.stream.StreamName;

/**
 * Who owns a stream and what it is called: together they name the stream everywhere (queue names,
 * handler bookkeeping). Both parts follow {@link StreamName#PATTERN}.
 *
 * @param owner the owning application's identity, for example {@code billing}
 * @param name  the stream's name within its owner, for example {@code ledger}
 */
public record StreamIdentity(String owner, String name) {

    /** Validates both parts; the error names the bad value and the pattern allowed. */
    public StreamIdentity {
        try {
            StreamName.check(owner);
            StreamName.check(name);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("event stream identity: " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return owner + "/" + name;
    }
}
