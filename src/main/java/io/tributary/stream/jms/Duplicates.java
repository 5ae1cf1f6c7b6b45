package io.tributary.stream.jms;

import jakarta.jms.JMSException;
import org.apache.activemq.artemis.api.core.ActiveMQException;
import org.apache.activemq.artemis.api.core.ActiveMQExceptionType;

/**
 * Recognises the broker's duplicate-detection rejection: Artemis refuses a message whose
 * duplicate-detection id it has routed before, and rolls back the whole transaction that holds it. Stateless.
 */
final class Duplicates {

    private static final int MAX_CAUSES = 20;

    private Duplicates() {
    }

    /** Whether {@code failure}, or one of its causes or linked exceptions, is a duplicate-id rejection. */
    static boolean rejected(Throwable failure) {
        Throwable t = failure;
        for (int depth = 0; t != null && depth < MAX_CAUSES; depth++, t = next(t)) {
            if (t instanceof ActiveMQException a && a.getType() == ActiveMQExceptionType.DUPLICATE_ID_REJECTED) {
                return true;
            }
        }
        return false;
    }

    private static Throwable next(Throwable t) {
        if (t.getCause() != null && t.getCause() != t) {
            return t.getCause();
        }
        return t instanceof JMSException j ? j.getLinkedException() : null;
    }
}
