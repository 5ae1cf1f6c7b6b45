package io.tributary.stream.jms;

import jakarta.jms.JMSException;
import jakarta.jms.Session;

import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Ends JMS sessions on paths that already handle a failure or a close: a second failure there is
 * logged (FINE) and otherwise ignored, because the broker rolls back whatever the session left open.
 * Shared by every JMS package (streams, batching broker).
 */
public final class Sessions {

    private static final Logger LOG = Logger.getLogger(Sessions.class.getName());

    private Sessions() {
    }

    /** Rolls back {@code session}'s transaction; {@code owner} names it in the log. */
    public static void rollback(Session session, String owner) {
        try {
            session.rollback();
        } catch (JMSException | RuntimeException e) {
            LOG.log(Level.FINE, "rollback in " + owner + " failed", e);
        }
    }

    /** Closes {@code session} if there is one; {@code owner} names it in the log. */
    public static void close(Session session, String owner) {
        if (session == null) {
            return;
        }
        try {
            session.close();
        } catch (JMSException | RuntimeException e) {
            LOG.log(Level.FINE, "closing a session of " + owner + " failed", e);
        }
    }
}
