package io.tributary.stream.jms;

import jakarta.jms.TransactionRolledBackException;
import org.apache.activemq.artemis.api.core.ActiveMQException;
import org.apache.activemq.artemis.api.core.ActiveMQExceptionType;

import java.util.EnumSet;
import java.util.Set;

/**
 * Tells the send failures that a lost connection or a failover to a backup broker causes from those the
 * broker decided. After the former the outcome is unknown or the transaction was rolled back (Artemis
 * AMQ219016 unblocked call, AMQ219031 transaction outcome unknown, a {@link TransactionRolledBackException});
 * sending again with the same duplicate-detection ids on the failed-over session finishes the send
 * and never routes a message twice. The latter (refused credentials, a full address, a bad message, a
 * duplicate id: {@link Duplicates}) are final. Stateless.
 */
final class FailoverErrors {

    private static final Set<ActiveMQExceptionType> INTERRUPTIONS = EnumSet.of(ActiveMQExceptionType.UNBLOCKED,
            ActiveMQExceptionType.NOT_CONNECTED, ActiveMQExceptionType.CONNECTION_TIMEDOUT,
            ActiveMQExceptionType.DISCONNECTED, ActiveMQExceptionType.TRANSACTION_OUTCOME_UNKNOWN,
            ActiveMQExceptionType.TRANSACTION_ROLLED_BACK);

    private FailoverErrors() {
    }

    /** Whether {@code e} (or a cause) says a failover interrupted the send: resend with the same ids. */
    static boolean interruptedByFailover(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof TransactionRolledBackException
                    || t instanceof ActiveMQException a && INTERRUPTIONS.contains(a.getType())) {
                return true;
            }
        }
        return false;
    }
}
