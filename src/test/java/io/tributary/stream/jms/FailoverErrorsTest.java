package io.tributary.stream.jms;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.jms.JMSException;
import jakarta.jms.JMSSecurityException;
import jakarta.jms.TransactionRolledBackException;
import org.apache.activemq.artemis.api.core.ActiveMQAddressFullException;
import org.apache.activemq.artemis.api.core.ActiveMQDuplicateIdException;
import org.apache.activemq.artemis.api.core.ActiveMQException;
import org.apache.activemq.artemis.api.core.ActiveMQTransactionOutcomeUnknownException;
import org.apache.activemq.artemis.api.core.ActiveMQUnBlockedException;
import org.junit.jupiter.api.Test;

/** Which Artemis client failures {@link FailoverErrors} lets a producer resend, and which it does not. */
class FailoverErrorsTest {

    @Test
    void failoverInterruptionsAreResent() {
        assertTrue(FailoverErrors.interruptedByFailover(wrapped(new ActiveMQUnBlockedException("AMQ219016"))));
        assertTrue(FailoverErrors.interruptedByFailover(
                wrapped(new ActiveMQTransactionOutcomeUnknownException("AMQ219031"))));
        assertTrue(FailoverErrors.interruptedByFailover(new TransactionRolledBackException("rolled back on failover")));
    }

    @Test
    void decisionsOfTheBrokerAreFinal() {
        assertFalse(FailoverErrors.interruptedByFailover(wrapped(new ActiveMQAddressFullException("full"))));
        assertFalse(FailoverErrors.interruptedByFailover(new JMSSecurityException("not allowed")));
        assertFalse(FailoverErrors.interruptedByFailover(wrapped(new ActiveMQDuplicateIdException())));
        assertFalse(FailoverErrors.interruptedByFailover(new IllegalStateException("no cause")));
    }

    private static JMSException wrapped(ActiveMQException cause) {
        JMSException e = new JMSException(cause.getMessage());
        e.initCause(cause);
        return e;
    }
}
