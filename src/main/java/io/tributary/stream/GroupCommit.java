package io.tributary.stream;

import java.time.Duration;

/**
 * Group commit for a {@link Producer}: concurrent {@link Producer#send} calls (from many threads, or many sends
 * in flight from one) are gathered into broker transactions of up to {@code maxMessages} messages, and each
 * send's stage completes when its transaction committed. That is the same guarantee as a confirmed send (the
 * broker has the message on disk), the same duplicate-detection id per message, and the same order: one
 * committer sends in call order, so messages of one thread, and so of one key, keep their order. A failed
 * commit fails exactly the stages of the messages of that transaction (they may or may not have been routed;
 * resending them is safe, duplicate detection routes a resent message once).
 *
 * <p><b>The trade.</b> One commit (one journal sync on the broker) is paid per transaction instead of one
 * confirmation per message, so throughput grows with concurrency. With {@code linger} zero nothing waits on
 * purpose: a transaction takes what was queued while the previous one committed, so a lone send costs one
 * send and one commit, and batches grow only as fast as sends arrive. A positive {@code linger} holds a
 * transaction open up to that long after its first message to collect more: bigger commits under a moderate
 * rate, at the cost of up to {@code linger} of added latency per send.
 *
 * <p>{@link #OFF} (the default) sends each message on its own as a confirmed asynchronous send. Transports
 * without broker transactions (the in-memory one) ignore group commit. Immutable.
 *
 * @param maxMessages messages per transaction at most, 0 (off) to {@value #MAX_MESSAGES}
 * @param linger      how long a transaction keeps collecting after its first message, 0 to {@link #MAX_LINGER}
 * @param committers  transactions committing at once, each on its own session and thread, 1 to
 *                    {@value #MAX_COMMITTERS}
 */
public record GroupCommit(int maxMessages, Duration linger, int committers) {

    /** The largest transaction a group commit builds. */
    public static final int MAX_MESSAGES = ConsumerOptions.MAX_BATCH_SIZE;

    /** The longest linger allowed. */
    public static final Duration MAX_LINGER = Duration.ofMinutes(1);

    /** The most committers a producer may run. */
    public static final int MAX_COMMITTERS = 64;

    /** The committers of {@link #GroupCommit(int, Duration)}, and of configured producers by default. */
    public static final int DEFAULT_COMMITTERS = 4;

    /** No group commit: every send is confirmed on its own. */
    public static final GroupCommit OFF = new GroupCommit(0, Duration.ZERO);

    /** Validates both components and names the bad one. */
    public GroupCommit {
        Checks.range("group commit maxMessages", maxMessages, 0, MAX_MESSAGES);
        Checks.notNegative("group commit linger", linger);
        if (linger.compareTo(MAX_LINGER) > 0) {
            throw new IllegalArgumentException("group commit linger " + linger + " is not allowed: use 0 to "
                    + MAX_LINGER);
        }
        Checks.range("group commit committers", committers, 1, MAX_COMMITTERS);
    }

    /** A group commit with {@value #DEFAULT_COMMITTERS} committers. */
    public GroupCommit(int maxMessages, Duration linger) {
        this(maxMessages, linger, DEFAULT_COMMITTERS);
    }

    /** Whether sends are gathered into transactions ({@code maxMessages} above 0). */
    public boolean enabled() {
        return maxMessages > 0;
    }
}
